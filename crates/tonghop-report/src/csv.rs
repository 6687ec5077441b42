//! `findings.csv`: UTF-8 with a BOM so Excel opens it, cells neutralised against
//! formula injection (OWASP).

use crate::ReportError;
use std::path::Path;
use tonghop_core::Finding;

/// Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) gets a leading apostrophe, as OWASP recommends.
#[must_use]
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn field(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub(crate) fn write_findings(path: &Path, findings: &[Finding]) -> Result<(), ReportError> {
    let mut out = String::from("\u{FEFF}code,severity,period,unit,file,sheet,row,message\r\n");
    for f in findings {
        let row = f.row.map(|r| r.to_string()).unwrap_or_default();
        let cells = [
            f.code.as_str(),
            f.severity.as_str(),
            &f.period,
            &f.unit,
            &f.file,
            &f.sheet,
            &row,
            &f.message,
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    std::fs::write(path, out).map_err(|e| ReportError::io("findings.csv", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("Mô hình"), "Mô hình");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
