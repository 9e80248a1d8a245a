//! Finds V8 10.2 (Debian's libnode108) and builds the C++ shim against it.
//!
//! Search order:
//! 1. `V8VM_V8_DIR`: any V8 >= 10.2 install (a folder with `include/` and
//!    `lib/`, or an unpacked Debian tree with `usr/include/node`).
//! 2. The system: `/usr/include/node/v8.h` reporting V8 10.2 beside
//!    `libnode.so.108` (Debian's `libnode-dev`).
//! 3. A cache folder (`V8VM_CACHE_DIR`, default `~/.cache/v8vm/libnode`) into
//!    which this script downloads the Debian packages with `apt-get download`
//!    and unpacks them with `dpkg -x`; binaries get an rpath to it.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGES: [&str; 4] = ["libnode108", "libnode-dev", "libuv1", "libc-ares2"];
const INSTALL_HINT: &str = "v8vm needs V8 10.2 from Debian's libnode108 + libnode-dev. \
Run `scripts/setup.sh` (as root: apt-get update), or install them with \
`apt-get install libnode-dev`, or point V8VM_V8_DIR at a V8 >= 10.2 install \
(a folder holding include/v8.h or include/node/v8.h and libnode.so.108 or libv8.so).";

struct V8Install {
    include: PathBuf,
    lib_dir: PathBuf,
    lib_file: String,
}

fn main() {
    println!("cargo:rerun-if-changed=shim/v8vm_shim.cc");
    println!("cargo:rerun-if-changed=shim/v8vm_shim.h");
    println!("cargo:rerun-if-env-changed=V8VM_V8_DIR");
    println!("cargo:rerun-if-env-changed=V8VM_CACHE_DIR");

    let v8 = match find_v8() {
        Ok(v8) => v8,
        Err(why) => {
            eprintln!("error: {why}\n{INSTALL_HINT}");
            panic!("V8 not found: {why}. {INSTALL_HINT}");
        }
    };

    cc::Build::new()
        .cpp(true)
        .std("c++17")
        .file("shim/v8vm_shim.cc")
        .include(&v8.include)
        .warnings(true)
        .flag_if_supported("-Wno-unused-parameter")
        // V8 is built without RTTI; classes deriving from its own must match.
        .flag("-fno-rtti")
        .compile("v8vm_shim");

    // Link through links in OUT_DIR: cargo puts link-search folders inside
    // the target dir on the library path of everything it runs (tests,
    // doctests, `cargo run`), so no crate needs an rpath for that.
    let out_lib = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("v8lib");
    link_shared_libraries(&v8.lib_dir, &out_lib)
        .unwrap_or_else(|e| panic!("cannot link V8 libraries into {}: {e}", out_lib.display()));
    println!("cargo:rustc-link-search=native={}", out_lib.display());
    println!("cargo:rustc-link-lib=dylib:+verbatim={}", v8.lib_file);
    // Binaries run outside cargo find V8 through an rpath: binary crates
    // add it from `DEP_NODE_LIB_DIR`. DT_RPATH (not RUNPATH) so libnode's own
    // dependencies (libuv, c-ares) are found in the same folder.
    println!("cargo:lib_dir={}", v8.lib_dir.display());
}

/// Symlinks every shared library of `from` into `to`.
fn link_shared_libraries(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)?.flatten() {
        let name = entry.file_name();
        let is_shared = name.to_str().is_some_and(|n| n.starts_with("lib") && n.contains(".so"));
        let wanted = ["libnode", "libv8", "libuv", "libcares"]
            .iter()
            .any(|prefix| name.to_str().is_some_and(|n| n.starts_with(prefix)));
        if is_shared && wanted {
            let link = to.join(&name);
            let _ = fs::remove_file(&link);
            std::os::unix::fs::symlink(entry.path(), &link)?;
        }
    }
    Ok(())
}

fn find_v8() -> Result<V8Install, String> {
    if let Some(dir) = env::var_os("V8VM_V8_DIR") {
        let dir = PathBuf::from(dir);
        return install_in(&dir).ok_or_else(|| {
            format!("V8VM_V8_DIR={} holds no usable V8 (need v8.h >= 10.2 and libnode/libv8)", dir.display())
        });
    }
    let system = Path::new("/");
    if let Some(v8) = install_in(system).filter(|v8| v8.lib_file == "libnode.so.108") {
        return Ok(v8);
    }
    let cache = env::var_os("V8VM_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/v8vm/libnode")))
        .ok_or("neither V8VM_CACHE_DIR nor HOME is set")?;
    if let Some(v8) = install_in(&cache) {
        return Ok(v8);
    }
    fetch_debian_packages(&cache)?;
    install_in(&cache)
        .ok_or_else(|| format!("unpacked the Debian packages into {} but found no V8 10.2 there", cache.display()))
}

/// A V8 under `root`, in a Debian layout or a plain prefix layout.
fn install_in(root: &Path) -> Option<V8Install> {
    let multiarch = multiarch();
    let include = [root.join("usr/include/node"), root.join("include/node"), root.join("include")]
        .into_iter()
        .find(|dir| header_version(dir).is_some_and(|(major, minor)| (major, minor) >= (10, 2)))?;
    let lib_dirs = [
        root.join("usr/lib").join(&multiarch),
        root.join("lib").join(&multiarch),
        root.join("usr/lib"),
        root.join("lib"),
    ];
    for lib_dir in lib_dirs {
        for lib_file in ["libnode.so.108", "libnode.so", "libv8.so"] {
            if lib_dir.join(lib_file).exists() {
                let lib_file = lib_file.to_string();
                // The system's headers must be the libnode-dev ones (10.2): a
                // Node.js from another source ships newer headers in the same place.
                if lib_file == "libnode.so.108" && header_version(&include) != Some((10, 2)) {
                    return None;
                }
                return Some(V8Install { include, lib_dir, lib_file });
            }
        }
    }
    None
}

fn multiarch() -> String {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_else(|_| "x86_64".into());
    format!("{arch}-linux-gnu")
}

/// `(major, minor)` from `v8-version.h` in `dir`.
fn header_version(dir: &Path) -> Option<(u32, u32)> {
    if !dir.join("v8.h").exists() {
        return None;
    }
    let text = fs::read_to_string(dir.join("v8-version.h")).ok()?;
    let field = |name: &str| -> Option<u32> {
        text.lines().find_map(|line| line.strip_prefix(&format!("#define {name} "))).and_then(|v| v.trim().parse().ok())
    };
    Some((field("V8_MAJOR_VERSION")?, field("V8_MINOR_VERSION")?))
}

fn fetch_debian_packages(cache: &Path) -> Result<(), String> {
    let debs = cache.join("debs");
    fs::create_dir_all(&debs).map_err(|e| format!("cannot create {}: {e}", debs.display()))?;
    let download = || {
        Command::new("apt-get")
            .arg("download")
            .args(PACKAGES)
            .current_dir(&debs)
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    // Fresh machines may have empty apt lists: refresh once, then retry.
    if !download() {
        let updated = Command::new("apt-get").arg("update").status().map(|s| s.success()).unwrap_or(false);
        if !updated || !download() {
            return Err(format!("`apt-get download {}` failed in {}", PACKAGES.join(" "), debs.display()));
        }
    }
    let entries = fs::read_dir(&debs).map_err(|e| e.to_string())?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "deb") {
            let ok =
                Command::new("dpkg").arg("-x").arg(&path).arg(cache).status().map(|s| s.success()).unwrap_or(false);
            if !ok {
                return Err(format!("`dpkg -x {}` failed", path.display()));
            }
        }
    }
    Ok(())
}
