// Buttons of the reconnect banner; Blazor itself retries every few seconds (Blazor.start in App.razor) and sets the classes.
const banner = document.getElementById("components-reconnect-modal");
const sessionEnded = "components-reconnect-session-ended";
let signedOut = false;
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());
banner.addEventListener("components-reconnect-state-changed", event => {
    const { state, secondsToNextAttempt } = event.detail;
    if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }

    if (state === "hide" || state === "rejected") {
        signedOut = false; // connected again, or the server answered for this page's session after all
    } else if (state === "retrying" && secondsToNextAttempt === 0) {
        checkSignIn(); // just before each of Blazor's tries
    }

    if (signedOut) {
        banner.className = sessionEnded; // Blazor adds its own classes back on every tick
    }
});

// Blazor takes any refused connection for a server that is still away and retries for minutes; the server answers its
// hub 401 once this page's sign-in no longer holds (a redeploy lost the keys, an admin disabled the account).
async function checkSignIn() {
    try {
        const response = await fetch("/_blazor/negotiate?negotiateVersion=1", { method: "POST", cache: "no-store", redirect: "manual" });
        if (response.status === 401 && !signedOut) {
            signedOut = true;
            document.getElementById("components-sign-in-link").href =
                "/account/login?returnUrl=" + encodeURIComponent(location.pathname + location.search) + "&reason=session"; // SignInReasons.Session
            banner.className = sessionEnded;
        }
    } catch {
        // Still unreachable: Blazor's next try comes in a few seconds.
    }
}

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
