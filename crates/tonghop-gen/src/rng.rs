//! A small deterministic generator (SplitMix64): the same seed gives the same
//! corpus on every machine and every version of every dependency.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }

    /// `n` distinct items of `pool` (all of them when it is smaller).
    pub fn sample(&mut self, pool: &[usize], n: usize) -> Vec<usize> {
        let mut v = pool.to_vec();
        let n = n.min(v.len());
        for i in 0..n {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(n);
        v
    }
}
