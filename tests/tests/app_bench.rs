//! The desktop app's own figures for `make bench` (issue 10): binary size, cold start to an
//! interactive window, and memory (PSS summed over the app and its WebKit processes) idle and
//! while it renders the annual report, on the scale-50 database. Ignored by `make test`: it
//! prints measurements, it does not judge them (timing on a shared 2-core machine is noise for
//! a pass/fail test); `make bench` runs it with `--ignored --nocapture`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use konbit_e2e::{artifacts, Driver};

const SCALE: u32 = 50;
const LAUNCHES: usize = 5;

#[test]
#[ignore = "a benchmark: make bench runs it"]
fn desktop_app_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    scale_data(&db);
    let pdf = dir.path().join("rapport-annuel.pdf");
    let shots = artifacts("app_bench");
    let binary =
        PathBuf::from(std::env::var_os("KONBIT_APP").expect("KONBIT_APP is set by make bench"));
    let size = std::fs::metadata(&binary).expect("the app binary").len();
    println!(
        "app binary: {:.1} MiB ({})",
        size as f64 / 1048576.0,
        binary.display()
    );

    let driver = Driver::start_with_dialogs(&db, Some(&pdf));
    let mut starts = Vec::new();
    for launch in 0..LAUNCHES {
        let requested = Instant::now();
        let app = driver.launch(&shots);
        app.css("[data-testid='home']");
        let session = requested.elapsed();
        let pid = app_pid(&binary).expect("the app's process");
        let cold = process_age(pid);
        println!(
            "cold start {}: {} ms from the process's start to the week shown ({} ms from the WebDriver session request)",
            launch + 1,
            cold.as_millis(),
            session.as_millis()
        );
        starts.push(cold);
        if launch + 1 < LAUNCHES {
            app.quit();
            wait_gone(pid);
            continue;
        }
        sleep(Duration::from_secs(3));
        let idle = pss_kib(&family(pid));
        println!(
            "memory idle on the week: {} MiB PSS over {} processes ({})",
            idle.0 / 1024,
            idle.1,
            breakdown(&family(pid))
        );
        app.click(&app.with_text("button", "Rapport annuel"));
        let peak = Sampler::start(pid);
        app.click(&app.with_text("button", "Enregistrer le rapport en PDF…"));
        app.containing("span", "Rapport enregistré dans");
        let (max, processes) = peak.stop();
        app.screenshot("annual-report-saved");
        println!("memory while rendering the annual report: {} MiB PSS at most over {processes} processes", max / 1024);
        let bytes = std::fs::metadata(&pdf).expect("the saved report").len();
        println!("annual report saved by the app: {} KB", bytes / 1000);
        app.quit();
    }
    drop(driver);
    // The baseline of the same run: the same window on a new, empty database (the welcome
    // screen), which holds WebKit and the app with next to no data.
    let empty = dir.path().join("vide.sqlite");
    let driver = Driver::start(&empty);
    let app = driver.launch(&shots);
    app.css("h1");
    let pid = app_pid(&binary).expect("the app's process");
    sleep(Duration::from_secs(3));
    let bare = pss_kib(&family(pid));
    println!(
        "baseline, same run: the window on a new database's welcome screen: {} MiB PSS ({})",
        bare.0 / 1024,
        breakdown(&family(pid))
    );
    app.quit();
    starts.sort();
    println!(
        "cold start: median {} ms of {LAUNCHES} launches (target 1 000 ms)",
        starts[LAUNCHES / 2].as_millis()
    );
}

/// The scale data by the release command line (`KONBIT_CLI`): this test crate builds the core
/// without optimisation, which would take minutes to generate a million entries.
fn scale_data(db: &Path) {
    let started = Instant::now();
    let cli = std::env::var_os("KONBIT_CLI").expect("KONBIT_CLI is set by make bench");
    let status = Command::new(cli)
        .arg("--db")
        .arg(db)
        .args(["demo", "--scale", &SCALE.to_string()])
        .status()
        .expect("konbit runs");
    assert!(status.success(), "konbit demo --scale {SCALE} failed");
    println!(
        "scale {SCALE} database ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The running process whose executable is the app (one window at a time in this test).
fn app_pid(binary: &Path) -> Option<u32> {
    let wanted = binary.canonicalize().ok()?;
    pids().find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == wanted))
}

fn pids() -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
}

/// The fields of /proc/PID/stat after the command name (which may hold spaces): the state is
/// the first, the parent the second, the start time (in clock ticks after boot) the twentieth.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    Some(after.split_whitespace().map(str::to_owned).collect())
}

/// The app and every process below it: WebKit's web and network processes are its children.
fn family(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = pids()
        .filter_map(|pid| Some((pid, stat_fields(pid)?.get(1)?.parse().ok()?)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    found
}

/// PSS summed over the processes, in KiB, and how many were read.
fn pss_kib(pids: &[u32]) -> (u64, usize) {
    let read = |pid: &u32| -> Option<u64> {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
        let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    let values: Vec<u64> = pids.iter().filter_map(read).collect();
    (values.iter().sum(), values.len())
}

/// Each process's name and PSS in MiB: where the memory is.
fn breakdown(pids: &[u32]) -> String {
    let parts: Vec<String> = pids
        .iter()
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            format!("{} {} MiB", name.trim(), pss_kib(&[*pid]).0 / 1024)
        })
        .collect();
    parts.join(", ")
}

/// How long ago the process started: the system's uptime less the process's start in clock
/// ticks after boot (USER_HZ is 100 on Linux whatever the kernel's own tick: 10 ms steps).
fn process_age(pid: u32) -> Duration {
    let ticks: u64 = stat_fields(pid)
        .and_then(|f| f.get(19)?.parse().ok())
        .expect("the process's start time");
    let uptime = std::fs::read_to_string("/proc/uptime").expect("/proc/uptime");
    let seconds: f64 = uptime
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .expect("the uptime");
    Duration::from_secs_f64(seconds).saturating_sub(Duration::from_millis(ticks * 10))
}

fn wait_gone(pid: u32) {
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() && start.elapsed() < Duration::from_secs(10) {
        sleep(Duration::from_millis(50));
    }
}

/// Reads the app's PSS every 100 ms on its own thread and keeps the highest sum.
struct Sampler {
    running: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<(u64, usize)>,
}

impl Sampler {
    fn start(pid: u32) -> Sampler {
        let running = Arc::new(AtomicBool::new(true));
        let flag = running.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = (0, 0);
            while flag.load(Ordering::Relaxed) {
                let now = pss_kib(&family(pid));
                if now.0 > peak.0 {
                    peak = now;
                }
                sleep(Duration::from_millis(100));
            }
            peak
        });
        Sampler { running, thread }
    }

    fn stop(self) -> (u64, usize) {
        self.running.store(false, Ordering::Relaxed);
        self.thread.join().expect("the sampler")
    }
}
