/**
 * The console's entry point: reads `config.json`, draws the navigation and shows the view the URL
 * hash names (`#/booking`, `#/pizza`, `#/executions`, `#/executions/<execution ARN>`). Hash routes
 * need no server rewrite, so the same files work under `npm start` and from S3 behind CloudFront.
 */
import { bookingView } from "./bookingView";
import type { ConsoleConfig } from "./consoleConfig";
import { h, notice, replace } from "./dom";
import { executionDetailView, executionsView } from "./executionsView";
import { pizzaView } from "./pizzaView";

/** A view draws itself into `main` and returns how to stop its timers when another view opens. */
export type View = (main: HTMLElement, config: ConsoleConfig) => () => void;

const TABS = [
  { route: "booking", label: "Booking" },
  { route: "pizza", label: "Pizza" },
  { route: "executions", label: "Executions" },
] as const;

async function start(): Promise<void> {
  const main = document.getElementById("main") as HTMLElement;
  let config: ConsoleConfig;
  try {
    const response = await fetch("./config.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = (await response.json()) as ConsoleConfig;
  } catch (error) {
    replace(
      main,
      notice(
        "error",
        `Could not read the console's config.json (${(error as Error).message}); is the stack running?`,
      ),
    );
    return;
  }
  const environment = document.getElementById("environment");
  if (environment)
    environment.textContent = config.environment === "local" ? "local stack" : `AWS ${config.region}`;
  const nav = document.getElementById("nav") as HTMLElement;
  const links = TABS.map((tab) => h("a", { href: `#/${tab.route}`, "data-route": tab.route }, tab.label));
  replace(nav, h("ul", {}, ...links.map((link) => h("li", {}, link))));

  let stop = () => undefined as void;
  let first = true;
  const show = () => {
    stop();
    const [route = "booking", ...rest] = location.hash.replace(/^#\/?/, "").split("/");
    for (const link of links) {
      if (link.dataset.route === route) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    const view: View =
      route === "pizza"
        ? pizzaView
        : route === "executions" && rest.length > 0
          ? executionDetailView(decodeURIComponent(rest.join("/")))
          : route === "executions"
            ? executionsView
            : bookingView;
    replace(main);
    stop = view(main, config);
    // After a navigation, focus moves to the new view's heading, so keyboard and screen reader users land on it.
    if (!first) main.querySelector("h2")?.focus();
    first = false;
  };
  window.addEventListener("hashchange", show);
  show();
}

void start();
