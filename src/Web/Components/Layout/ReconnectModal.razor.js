// Buttons of the reconnect banner; Blazor itself retries every few seconds (Blazor.start in App.razor) and sets the classes.
const banner = document.getElementById("components-reconnect-modal");
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());
banner.addEventListener("components-reconnect-state-changed", event => {
    if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
});

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    try {
        // true: reconnected; false: the server answered but no longer has this circuit (it restarted).
        if (!await Blazor.reconnect() && !await Blazor.resumeCircuit()) {
            banner.className = "components-reconnect-rejected";
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            banner.className = "components-reconnect-rejected";
        }
    } catch {
        banner.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
