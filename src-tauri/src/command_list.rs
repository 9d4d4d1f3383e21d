//! The one list of the shell's commands, read from the `#[tauri::command]` functions of
//! `src/commands/*.rs` themselves. `build.rs` makes from it the handler list (`generate_handler!`),
//! an `allow-` permission for each command and the capability granting them
//! (`capabilities/main.json`); the shell's tests make from it the UI's typed wrappers
//! (`ui/src/lib/api/commands.ts`). Adding a command is writing its function: nothing else lists it.
//!
//! Included by `build.rs` (`#[path]`) and by the crate's tests, so it uses nothing but `syn`.

use std::fmt;
use std::path::Path;

use syn::{Attribute, FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// A command: where its function is, the arguments the UI sends, what it answers.
pub struct Command {
    /// The module under `commands`, e.g. `workers` (read by build.rs for the handlers).
    #[cfg_attr(test, allow(dead_code))]
    pub module: String,
    /// The function's name, which is the command's (`list_workers`).
    pub name: String,
    pub args: Vec<Arg>,
    /// `T` of the function's `CmdResult<T>`.
    pub answer: Type,
    /// The function's doc comment, line by line.
    pub doc: Vec<String>,
}

/// An argument the UI sends (the shell's own, such as `State` and the window, are left out).
pub struct Arg {
    /// As written in Rust (`period_id`); Tauri expects it in camelCase (`periodId`).
    pub name: String,
    pub ty: Type,
}

/// Why the list could not be read: the file and what is wrong, for the build's error.
#[derive(Debug)]
pub struct ListError(pub String);

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Arguments Tauri fills in itself: the state, the window, the app.
const SHELL_ARGUMENTS: &[&str] = &["State", "WebviewWindow", "Window", "AppHandle"];

/// Every command of `dir` (`src/commands`), by file name then in the order of the file. A
/// `#[tauri::command]` anywhere else under `dir` (a nested module, a subfolder) is refused:
/// it would be compiled but never registered.
pub fn read(dir: &Path) -> Result<Vec<Command>, ListError> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| ListError(format!("{}: {e}", dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in &files {
        if path.is_dir() {
            refuse_commands_under(path)?;
            continue;
        }
        let Some(module) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| path.extension().is_some_and(|e| e == "rs"))
        else {
            continue;
        };
        if module == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| ListError(format!("{}: {e}", path.display())))?;
        let found = in_file(module, &text)
            .map_err(|e| ListError(format!("{}: {}", path.display(), e.0)))?;
        let written = text.matches("#[tauri::command").count();
        if written != found.len() {
            return Err(ListError(format!(
                "{}: {written} #[tauri::command] written, {} at the top of the file: a command inside a nested module is never registered",
                path.display(),
                found.len()
            )));
        }
        commands.extend(found);
    }
    Ok(commands)
}

fn refuse_commands_under(dir: &Path) -> Result<(), ListError> {
    for entry in std::fs::read_dir(dir).map_err(|e| ListError(format!("{}: {e}", dir.display())))? {
        let path = entry
            .map_err(|e| ListError(format!("{}: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            refuse_commands_under(&path)?;
        } else if std::fs::read_to_string(&path).is_ok_and(|t| t.contains("#[tauri::command")) {
            return Err(ListError(format!(
                "{}: commands live in src/commands/<feature>.rs, one file per feature",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The commands at the top of one file of `src/commands`.
pub fn in_file(module: &str, text: &str) -> Result<Vec<Command>, ListError> {
    let file = syn::parse_file(text).map_err(|e| ListError(e.to_string()))?;
    let mut commands = Vec::new();
    for item in file.items {
        let Item::Fn(function) = item else { continue };
        let Some(attr) = function.attrs.iter().find(|a| is_command(a)) else {
            continue;
        };
        let name = function.sig.ident.to_string();
        if attr.meta.require_path_only().is_err()
            && attr
                .meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string() != "async")
        {
            return Err(ListError(format!(
                "{name}: only #[tauri::command] and #[tauri::command(async)] are read (a renaming would not reach the UI's wrappers)"
            )));
        }
        commands.push(Command {
            module: module.to_owned(),
            args: arguments(&name, &function.sig.inputs)?,
            answer: answer(&name, &function.sig.output)?,
            doc: doc_lines(&function.attrs),
            name,
        });
    }
    Ok(commands)
}

fn is_command(attr: &Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["tauri", "command"]
}

fn arguments(
    command: &str,
    inputs: &syn::punctuated::Punctuated<FnArg, syn::token::Comma>,
) -> Result<Vec<Arg>, ListError> {
    let mut args = Vec::new();
    for input in inputs {
        let FnArg::Typed(typed) = input else {
            return Err(ListError(format!(
                "{command}: a command is a free function"
            )));
        };
        if last_segment(&typed.ty).is_some_and(|s| SHELL_ARGUMENTS.contains(&s.as_str())) {
            continue;
        }
        let Pat::Ident(pat) = typed.pat.as_ref() else {
            return Err(ListError(format!(
                "{command}: each argument the UI sends needs a plain name"
            )));
        };
        args.push(Arg {
            name: pat.ident.to_string(),
            ty: (*typed.ty).clone(),
        });
    }
    Ok(args)
}

/// `T` of `CmdResult<T>`: every command answers that, so the UI gets `AppError` on failure.
fn answer(command: &str, output: &ReturnType) -> Result<Type, ListError> {
    let wrong = || ListError(format!("{command}: a command answers CmdResult<…>"));
    let ReturnType::Type(_, ty) = output else {
        return Err(wrong());
    };
    let Type::Path(path) = ty.as_ref() else {
        return Err(wrong());
    };
    let last = path.path.segments.last().ok_or_else(wrong)?;
    if last.ident != "CmdResult" {
        return Err(wrong());
    }
    generic_arguments(&last.arguments)
        .into_iter()
        .next()
        .cloned()
        .ok_or_else(wrong)
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(reference) => last_segment(&reference.elem),
        _ => None,
    }
}

fn generic_arguments(arguments: &PathArguments) -> Vec<&Type> {
    match arguments {
        PathArguments::AngleBracketed(angle) => angle
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// `period_id` → `periodId`, as Tauri names a command's arguments on the wire.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript wrappers (`ui/src/lib/api/commands.ts`): one per command, its arguments in
/// the function's order and types, trailing `Option`s optional (Tauri reads a missing one as
/// `None`). `exported` says which generated file exports each named type.
#[cfg(test)]
pub mod typescript {
    use std::collections::BTreeMap;

    use super::{camel_case, generic_arguments, Command, ListError};
    use syn::Type;

    /// Where a named type's TypeScript comes from: `'../bindings'` or `'../bindings-shell'`.
    pub type Exports<'a> = &'a [(&'a str, Vec<String>)];

    pub fn wrappers(commands: &[Command], exported: Exports<'_>) -> Result<String, ListError> {
        let mut named = Vec::new();
        let mut body = String::new();
        for command in commands {
            body.push_str(&wrapper(command, &mut named)?);
        }
        let mut imports: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        named.sort();
        named.dedup();
        for name in &named {
            let from = exported
                .iter()
                .find(|(_, names)| names.iter().any(|n| n == name))
                .map(|(from, _)| *from)
                .ok_or_else(|| {
                    ListError(format!(
                        "{name} has no TypeScript type: derive ts_rs::TS for it and add it to the bindings"
                    ))
                })?;
            imports.entry(from).or_default().push(name);
        }
        let mut out = String::from(
            "// Generated from the shell's #[tauri::command] functions (src-tauri/src/commands) by its\n\
             // command list test. Do not edit: run `make bindings`.\n",
        );
        for (from, names) in imports {
            out.push_str(&format!(
                "import type {{\n  {},\n}} from '{from}';\n",
                names.join(",\n  ")
            ));
        }
        out.push_str("import { call } from './invoke';\n\nexport { all, query, setInvoker } from './invoke';\n\nexport const api = {\n");
        out.push_str(&body);
        out.push_str("};\n");
        Ok(out)
    }

    fn wrapper(command: &Command, named: &mut Vec<String>) -> Result<String, ListError> {
        let context = |e: ListError| ListError(format!("{}: {}", command.name, e.0));
        // Trailing optional arguments may be left out.
        let required = command
            .args
            .iter()
            .rposition(|a| !is_option(&a.ty))
            .map_or(0, |i| i + 1);
        let mut params = Vec::new();
        let mut names = Vec::new();
        for (i, arg) in command.args.iter().enumerate() {
            let name = camel_case(&arg.name);
            let ty = ts(&arg.ty, named).map_err(context)?;
            let optional = if i >= required { "?" } else { "" };
            params.push(format!("{name}{optional}: {ty}"));
            names.push(name);
        }
        let answer = ts(&command.answer, named).map_err(context)?;
        let args = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        let mut out = String::new();
        if !command.doc.is_empty() {
            out.push_str("  /**\n");
            for line in &command.doc {
                out.push_str(&format!(
                    "   *{}{line}\n",
                    if line.is_empty() { "" } else { " " }
                ));
            }
            out.push_str("   */\n");
        }
        out.push_str(&format!(
            "  {}: ({}) => call<{answer}>('{}'{args}),\n",
            camel_case(&command.name),
            params.join(", "),
            command.name
        ));
        Ok(out)
    }

    fn is_option(ty: &Type) -> bool {
        matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
    }

    /// A Rust type as the generated bindings write it in TypeScript (ts-rs's mapping: integers
    /// and floats are `number`, dates `string`, `()` is `null`).
    pub fn ts(ty: &Type, named: &mut Vec<String>) -> Result<String, ListError> {
        match ty {
            Type::Reference(reference) => ts(&reference.elem, named),
            Type::Tuple(tuple) if tuple.elems.is_empty() => Ok("null".into()),
            Type::Path(path) => {
                let last = path
                    .path
                    .segments
                    .last()
                    .ok_or_else(|| ListError("an empty type".into()))?;
                let ident = last.ident.to_string();
                let inner = generic_arguments(&last.arguments)
                    .into_iter()
                    .map(|t| ts(t, named))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(match (ident.as_str(), inner.as_slice()) {
                    ("Option", [t]) => format!("{t} | null"),
                    ("Vec", [t]) if t.contains(' ') => format!("({t})[]"),
                    ("Vec", [t]) => format!("{t}[]"),
                    ("String" | "str" | "NaiveDate", []) => "string".into(),
                    ("bool", []) => "boolean".into(),
                    (
                        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize"
                        | "isize" | "f32" | "f64",
                        [],
                    ) => "number".into(),
                    (_, []) => {
                        named.push(ident.clone());
                        ident
                    }
                    (_, params) => {
                        named.push(ident.clone());
                        format!("{ident}<{}>", params.join(", "))
                    }
                })
            }
            _ => Err(ListError(
                "a type the wrappers cannot write in TypeScript".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKERS: &str = r#"
        use tauri::State;

        /// Ajoute une période de statut.
        ///
        /// Answers the worker.
        #[tauri::command(async)]
        pub fn remove_worker_status(
            state: State<'_, AppState>,
            id: i64,
            period_id: i64,
            note: Option<String>,
        ) -> CmdResult<Option<Vec<Worker>>> {
            state.write(|tx| worker::remove_status(tx, id, period_id, note)).map(|w| Some(vec![w]))
        }

        fn helper() {}

        #[tauri::command]
        pub fn save_copy(window: tauri::WebviewWindow, state: State<'_, AppState>) -> CmdResult<()> {
            state.save_copy(&window)
        }
    "#;

    #[test]
    fn reads_the_commands_their_arguments_and_answers() {
        let commands = in_file("workers", WORKERS).unwrap();
        let names: Vec<&str> = commands.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["remove_worker_status", "save_copy"]);
        let args: Vec<&str> = commands[0].args.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(args, ["id", "period_id", "note"]);
        assert!(commands[1].args.is_empty(), "the window is the shell's");
        assert_eq!(
            commands[0].doc,
            ["Ajoute une période de statut.", "", "Answers the worker."]
        );
    }

    #[test]
    fn writes_typescript_wrappers() {
        let commands = in_file("workers", WORKERS).unwrap();
        let exports = [("../bindings", vec!["Worker".to_owned()])];
        let ts = typescript::wrappers(&commands, &exports).unwrap();
        assert!(
            ts.contains("import type {\n  Worker,\n} from '../bindings';"),
            "{ts}"
        );
        assert!(
            ts.contains("  removeWorkerStatus: (id: number, periodId: number, note?: string | null) => call<Worker[] | null>('remove_worker_status', { id, periodId, note }),\n"),
            "{ts}"
        );
        assert!(
            ts.contains("  saveCopy: () => call<null>('save_copy'),\n"),
            "{ts}"
        );
        assert!(ts.contains("   * Ajoute une période de statut.\n   *\n   * Answers the worker.\n"));
    }

    fn refused<T>(result: Result<T, ListError>) -> String {
        match result {
            Ok(_) => panic!("accepted"),
            Err(e) => e.0,
        }
    }

    #[test]
    fn refuses_what_it_cannot_carry_to_the_ui() {
        let renamed =
            "#[tauri::command(rename_all = \"snake_case\")] pub fn a() -> CmdResult<()> { Ok(()) }";
        assert!(refused(in_file("m", renamed)).contains("renaming"));
        let bare = "#[tauri::command] pub fn a() -> u32 { 1 }";
        assert!(refused(in_file("m", bare)).contains("CmdResult"));
        let commands = in_file(
            "m",
            "#[tauri::command] pub fn a(x: Mystery) -> CmdResult<()> { x.check() }",
        )
        .unwrap();
        let err = refused(typescript::wrappers(&commands, &[]));
        assert!(err.contains("Mystery has no TypeScript type"), "{err}");
    }

    #[test]
    fn names_arguments_as_tauri_does() {
        assert_eq!(camel_case("period_id"), "periodId");
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("id"), "id");
    }
}
