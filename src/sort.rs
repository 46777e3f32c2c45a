//! One stable sort for the whole crate, to keep the wasm module small: the standard library's
//! sorts are instantiated per element type and comparison (≈3.5 KB of code each, nine of them in
//! the module), while here only two small closures are per call site and the merge sort itself
//! is compiled once. Same result as `slice::sort_by` (any stable sort orders a total order alike).

use std::cmp::Ordering;

/// Sort `v` stably by `cmp` (like `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let mut less = |a: usize, b: usize| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => cmp(x, y) == Ordering::Less,
            _ => false,
        };
        stable_order(v.len(), &mut less)
    };
    permute(&order, &mut |a, b| v.swap(a, b));
}

/// Sort `v` stably by a key (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` (like `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices of `0..n` in stable sorted order (bottom-up merge sort; `less(a, b)`: a before b).
fn stable_order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut cur: Vec<usize> = (0..n).collect();
    let mut next: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        next.clear();
        for run in cur.chunks(width.saturating_mul(2)) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
            loop {
                match (l.peek(), r.peek()) {
                    // Take from the right only when strictly less: equal items keep their order.
                    (Some(&&a), Some(&&b)) => {
                        if less(b, a) {
                            next.push(b);
                            r.next();
                        } else {
                            next.push(a);
                            l.next();
                        }
                    }
                    (Some(&&a), None) => {
                        next.push(a);
                        l.next();
                    }
                    (None, Some(&&b)) => {
                        next.push(b);
                        r.next();
                    }
                    (None, None) => break,
                }
            }
        }
        std::mem::swap(&mut cur, &mut next);
        width = width.saturating_mul(2);
    }
    cur
}

/// Rearrange so that position `i` holds the item that was at `order[i]`, by swaps along cycles.
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    let mut done = vec![false; order.len()];
    for i in 0..order.len() {
        let mut j = i;
        loop {
            match done.get_mut(j) {
                Some(d) if !*d => *d = true,
                _ => break,
            }
            let Some(&k) = order.get(j) else { break };
            if k == i {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_std_stable_sort() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for n in [0usize, 1, 2, 3, 5, 8, 13, 100, 1000, 4097] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 7) as u8, i)
                })
                .collect();
            let mut a = v.clone();
            let mut b = v.clone();
            a.sort_by_key(|e| e.0);
            sort_by_key(&mut b, |e| e.0);
            assert_eq!(a, b, "n = {n}");
            let mut c = v.clone();
            let mut d = v;
            c.sort_by(|p, q| q.cmp(p));
            sort_by(&mut d, |p, q| q.cmp(p));
            assert_eq!(c, d);
        }
    }
}
