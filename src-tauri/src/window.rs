//! The main window's rendering. Konbit's screens are forms, tables and still SVG charts: nothing
//! that needs the GPU. WebKitGTK's accelerated compositing keeps a GL context and its layer
//! buffers in the web process and loads the GL driver (Mesa's LLVM on most Linux laptops) into
//! both processes: measured by `make bench-app`, it costs about 90 MiB of PSS out of 330, for
//! no gain a person would see here. It is also the usual cause of blank WebKitGTK windows on
//! some GPU drivers.

use tauri::{App, Manager};

#[cfg(target_os = "linux")]
pub fn render_without_gpu(app: &App) -> tauri::Result<()> {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let Some(window) = app.get_webview_window("main") else {
        return Ok(());
    };
    window.with_webview(|webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })
}

#[cfg(not(target_os = "linux"))]
pub fn render_without_gpu(_app: &App) -> tauri::Result<()> {
    Ok(())
}
