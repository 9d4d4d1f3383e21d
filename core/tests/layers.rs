//! The core's modules stay in the layers ARCHITECTURE.md draws: a module names (`crate::…`)
//! only modules of its own layer or below, the domains only those before them; tests may use
//! anything. A path upwards fails here with the file that has it.

use std::fs;
use std::path::Path;

/// Top-level modules by layer, lowest first; within "domains", each also in that order.
const LAYERS: [&[&str]; 4] = [
    &[
        "error",
        "money",
        "fiscal",
        "lang",
        "text",
        "file_problem",
        "clock",
        "fs",
        "table",
        "store",
    ],
    &[
        "chart",
        "pdf",
        "listing",
        "audit",
        "backup",
        "documents",
        "lock",
        "catalog",
    ],
    &[
        "organisation",
        "clients",
        "worktime",
        "invoicing",
        "finance",
        "legal",
    ],
    &["home", "stats", "report", "check", "demo"],
];
const DOMAINS: usize = 2;

fn rank(module: &str) -> Option<(usize, usize)> {
    LAYERS
        .iter()
        .enumerate()
        .find_map(|(layer, names)| names.iter().position(|n| *n == module).map(|i| (layer, i)))
}

/// Whether `from` may name `to`: a lower layer, or its own (the foundation and storage use one
/// another freely; a view may use a view), or a domain before it.
fn allowed(from: (usize, usize), to: (usize, usize)) -> bool {
    to.0 < from.0 || (to.0 == from.0 && (from.0 != DOMAINS || to.1 <= from.1))
}

fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code before its tests: a file named `tests.rs` is all tests, others up to `#[cfg(test)]`.
fn production(path: &Path, text: &str) -> Option<String> {
    if path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
    {
        return None;
    }
    Some(
        text.split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_owned(),
    )
}

#[test]
fn no_module_names_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    sources(&src, &mut files);
    let mut upward = vec![];
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let Some(from) = rank(&top) else {
            // lib.rs and bindings.rs: the crate's root and its tests.
            continue;
        };
        let Some(code) = production(relative, &fs::read_to_string(&file).unwrap()) else {
            continue;
        };
        for (at, _) in code.match_indices("crate::") {
            let named: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if named == top {
                continue;
            }
            match rank(&named) {
                Some(to) if !allowed(from, to) => upward.push(format!(
                    "{} names crate::{named}",
                    relative.display()
                )),
                None if !named.is_empty() => upward.push(format!(
                    "{} names crate::{named}, which no layer lists: add it to LAYERS and ARCHITECTURE.md",
                    relative.display()
                )),
                _ => {}
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "paths upwards:\n{}", upward.join("\n"));
}
