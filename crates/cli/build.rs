//! Gives the `v8vm` binary an rpath to the V8 the engine linked, so it runs
//! outside cargo too. DT_RPATH (not RUNPATH) also covers libnode's own
//! dependencies (libuv, c-ares) in that folder.

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_NODE_LIB_DIR");
    if let Ok(dir) = std::env::var("DEP_NODE_LIB_DIR") {
        println!("cargo:rustc-link-arg=-Wl,--disable-new-dtags,-rpath,{dir}");
    }
}
