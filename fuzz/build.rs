//! Gives the fuzz targets an rpath to the V8 the engine linked (as the cli
//! crate does for `v8vm`): cargo-fuzz runs the binaries itself, outside
//! `cargo run`, so the library path cargo would set is missing.

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_NODE_LIB_DIR");
    if let Ok(dir) = std::env::var("DEP_NODE_LIB_DIR") {
        println!("cargo:rustc-link-arg=-Wl,--disable-new-dtags,-rpath,{dir}");
    }
}
