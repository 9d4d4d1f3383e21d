use tauri::State;

use konbit_core::listing::{ListQuery, Page};
use konbit_core::organisation::member::{self, Member, MemberInput};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_members(state: State<'_, AppState>, query: ListQuery) -> CmdResult<Page<Member>> {
    state.read(|conn| member::list(conn, &query))
}

#[tauri::command(async)]
pub fn member_namesakes(state: State<'_, AppState>, name: String) -> CmdResult<Vec<String>> {
    state.read(|conn| member::namesakes(conn, &name))
}

#[tauri::command(async)]
pub fn create_member(state: State<'_, AppState>, input: MemberInput) -> CmdResult<Member> {
    state.write(|tx| member::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_member(state: State<'_, AppState>, id: i64, input: MemberInput) -> CmdResult<Member> {
    state.write(|tx| member::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_member(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<Member> {
    state.write(|tx| member::set_archived(tx, id, archived))
}
