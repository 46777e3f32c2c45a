//! Turns on the ZIP and XLSX readers of the shared src/master/read.rs in every build of this
//! crate (the engine's wasm build leaves them out to stay within its size budget).
fn main() {
    println!("cargo:rustc-check-cfg=cfg(santei_archives)");
    println!("cargo:rustc-cfg=santei_archives");
    println!("cargo:rerun-if-changed=build.rs");
}
