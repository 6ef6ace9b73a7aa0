/**
 * Booking: sign in, the apartments with their live status, booking one, the payment countdown,
 * paying, and my bookings with their final states. Every refusal the API documents is shown as a
 * sentence (refusals.ts). Status is polled: the schema has no subscriptions.
 */
import type { NewPasswordChallenge, Session } from "./auth";
import { SignInError, createLocalUser, setNewPassword, signIn, signOut, storedSession } from "./auth";
import type { ConsoleConfig } from "./consoleConfig";
import { h, notice, replace } from "./dom";
import type { GraphqlAuth } from "./graphql";
import { GraphqlError, graphql } from "./graphql";
import { reasonText, refusalMessage } from "./refusals";

interface Apartment {
  readonly id: string;
  readonly status: "VACANT" | "RESERVED" | "PAID";
}

interface Booking {
  readonly id: string;
  readonly apartmentId: string;
  readonly status: "REQUESTED" | "PENDING_PAYMENT" | "PAID" | "EXPIRED" | "REJECTED";
  readonly reason?: string | null;
  readonly expiresAt?: string | null;
  readonly executionArn: string;
}

const BOOKING_FIELDS = "id apartmentId status reason expiresAt executionArn";
const FINAL = new Set(["PAID", "EXPIRED", "REJECTED"]);
/** How often apartments and bookings are read again. */
const POLL_MS = 2000;

/** The Booking view. */
export function bookingView(main: HTMLElement, config: ConsoleConfig): () => void {
  let session: Session | undefined = storedSession();
  let current: Booking | undefined;
  const timers: number[] = [];
  const auth = (): GraphqlAuth =>
    session ? { idToken: session.idToken } : config.apiKey ? { apiKey: config.apiKey } : undefined;
  const call = <T>(query: string, variables?: Record<string, unknown>) =>
    graphql<T>(config.graphqlUrl, auth(), query, variables);

  const account = h("section", { "aria-labelledby": "account-heading", class: "panel" });
  const messages = h("div", { class: "messages" });
  const apartmentsBody = h("tbody");
  const apartmentsNote = h("p", { class: "hint", role: "status" });
  const currentPanel = h("section", { "aria-labelledby": "current-heading", class: "panel", hidden: true });
  const mineBody = h("tbody");
  const mineNote = h("p", { class: "hint" });

  const say = (kind: "error" | "info" | "success", text: string) => replace(messages, notice(kind, text));
  const refused = (error: unknown) =>
    say(
      "error",
      error instanceof GraphqlError
        ? refusalMessage(error.errorType, error.message)
        : (error as Error).message,
    );

  replace(
    main,
    h("h2", { tabindex: -1 }, "Book an apartment"),
    account,
    messages,
    h(
      "section",
      { "aria-labelledby": "apartments-heading", class: "panel" },
      h("h3", { id: "apartments-heading" }, "Apartments"),
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Apartment"),
            h("th", { scope: "col" }, "Status"),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Action")),
          ),
        ),
        apartmentsBody,
      ),
      apartmentsNote,
    ),
    currentPanel,
    h(
      "section",
      { "aria-labelledby": "mine-heading", class: "panel" },
      h("h3", { id: "mine-heading" }, "My bookings"),
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Booking"),
            h("th", { scope: "col" }, "Apartment"),
            h("th", { scope: "col" }, "Status"),
            h("th", { scope: "col" }, "Execution"),
          ),
        ),
        mineBody,
      ),
      mineNote,
    ),
  );

  const drawAccount = (challenge?: NewPasswordChallenge) => {
    if (!config.userPool) {
      replace(
        account,
        h("h3", { id: "account-heading" }, "Account"),
        notice(
          "info",
          config.apiKey
            ? "This stack has no user pool: requests use the local API key."
            : "This stack has no user pool configured, so nobody can sign in.",
        ),
      );
      return;
    }
    if (session) {
      replace(
        account,
        h("h3", { id: "account-heading" }, "Account"),
        h("p", {}, "Signed in as ", h("strong", { "data-testid": "signed-in-user" }, session.username), ". "),
        h(
          "button",
          {
            type: "button",
            onclick: () => {
              signOut();
              session = undefined;
              current = undefined;
              currentPanel.hidden = true;
              drawAccount();
              void refresh();
            },
          },
          "Sign out",
        ),
      );
      return;
    }
    const pool = config.userPool;
    if (challenge) {
      const password = h("input", {
        id: "new-password",
        name: "new-password",
        type: "password",
        autocomplete: "new-password",
        required: true,
      });
      const form = h(
        "form",
        {},
        h("label", { for: "new-password" }, "Choose a new password"),
        password,
        h("button", { type: "submit" }, "Set password and sign in"),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        setNewPassword(pool, challenge, password.value).then(signedIn, signInFailed);
      });
      replace(
        account,
        h("h3", { id: "account-heading" }, "Sign in"),
        h("p", {}, `The user pool asks ${challenge.username} for a new password.`),
        form,
      );
      return;
    }
    const username = h("input", {
      id: "username",
      name: "username",
      autocomplete: "username",
      required: true,
      autocapitalize: "none",
    });
    const password = h("input", {
      id: "password",
      name: "password",
      type: "password",
      autocomplete: "current-password",
      required: true,
    });
    const form = h(
      "form",
      {},
      h("label", { for: "username" }, "User name"),
      username,
      h("label", { for: "password" }, "Password"),
      password,
      h("button", { type: "submit" }, "Sign in"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      say("info", "Signing in…");
      signIn(pool, username.value.trim(), password.value).then(signedIn, signInFailed);
    });
    replace(
      account,
      h("h3", { id: "account-heading" }, "Sign in"),
      h(
        "p",
        { class: "hint" },
        config.environment === "local"
          ? "Sign in with a user of the local user pool."
          : "Sign in with your account of the booking user pool.",
      ),
      form,
      config.environment === "local" && localUserForm(pool),
    );
  };
  /** Local only: a form that creates a user of the emulated pool, then signs it in. */
  const localUserForm = (pool: NonNullable<ConsoleConfig["userPool"]>) => {
    const username = h("input", {
      id: "new-username",
      name: "new-username",
      autocomplete: "off",
      required: true,
      autocapitalize: "none",
    });
    const password = h("input", {
      id: "new-user-password",
      name: "new-user-password",
      type: "password",
      autocomplete: "new-password",
      required: true,
    });
    const form = h(
      "form",
      {},
      h("label", { for: "new-username" }, "New user name"),
      username,
      h("label", { for: "new-user-password" }, "New user's password"),
      password,
      h("button", { type: "submit" }, "Create local user and sign in"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = username.value.trim();
      createLocalUser(pool, name, password.value)
        .then(() => signIn(pool, name, password.value))
        .then(signedIn, signInFailed);
    });
    return h(
      "details",
      { class: "local-user" },
      h("summary", {}, "No user yet? Create one in the local user pool"),
      form,
    );
  };
  const signedIn = (result: Session | NewPasswordChallenge) => {
    if ("challenge" in result) return drawAccount(result);
    session = result;
    replace(messages);
    drawAccount();
    void refresh();
  };
  const signInFailed = (error: unknown) =>
    say(
      "error",
      error instanceof SignInError
        ? `Sign-in refused (${error.code}): ${error.message}`
        : (error as Error).message,
    );

  const book = async (apartmentId: string) => {
    say("info", `Booking ${apartmentId}…`);
    try {
      const { bookApartment } = await call<{ bookApartment: Booking }>(
        `mutation Book($apartmentId: ID!) { bookApartment(apartmentId: $apartmentId) { ${BOOKING_FIELDS} } }`,
        { apartmentId },
      );
      current = bookApartment;
      remember(bookApartment.id);
      if (bookApartment.status === "REJECTED")
        say("error", `Booking ${bookApartment.id} was rejected: ${reasonText(bookApartment.reason)}`);
      else say("success", `Booking ${bookApartment.id} holds ${apartmentId}: pay before the countdown ends.`);
    } catch (error) {
      refused(error);
    }
    drawCurrent();
    void refresh();
  };

  // One payment reference per booking, reused if the user pays again (after a network error, say):
  // the API is idempotent on it, so a retried payment cannot be charged twice.
  const references = new Map<string, string>();
  const pay = async (bookingId: string) => {
    const paymentReference = references.get(bookingId) ?? crypto.randomUUID();
    references.set(bookingId, paymentReference);
    try {
      const { payBooking } = await call<{ payBooking: Booking }>(
        `mutation Pay($bookingId: ID!, $paymentReference: String!) { payBooking(bookingId: $bookingId, paymentReference: $paymentReference) { ${BOOKING_FIELDS} } }`,
        { bookingId, paymentReference },
      );
      current = payBooking;
      say("success", `Booking ${payBooking.id} is ${payBooking.status}.`);
    } catch (error) {
      refused(error);
    }
    drawCurrent();
    void refresh();
  };

  const drawCurrent = () => {
    if (!current) {
      currentPanel.hidden = true;
      return;
    }
    const booking = current;
    currentPanel.hidden = false;
    const left = booking.expiresAt
      ? Math.max(0, Math.ceil((Date.parse(booking.expiresAt) - Date.now()) / 1000))
      : undefined;
    replace(
      currentPanel,
      h("h3", { id: "current-heading" }, `Booking ${booking.id}`),
      h(
        "dl",
        {},
        h("dt", {}, "Apartment"),
        h("dd", {}, booking.apartmentId),
        h("dt", {}, "Status"),
        h(
          "dd",
          {},
          h(
            "span",
            { class: `badge badge-${booking.status}`, "data-testid": "current-status" },
            booking.status,
          ),
          booking.reason ? ` ${reasonText(booking.reason)}` : "",
        ),
        booking.status === "PENDING_PAYMENT" && left !== undefined && h("dt", {}, "Time left to pay"),
        booking.status === "PENDING_PAYMENT" &&
          left !== undefined &&
          h(
            "dd",
            {},
            h(
              "span",
              { role: "timer", "aria-live": "off", "data-testid": "countdown" },
              `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`,
            ),
          ),
      ),
      booking.status === "PENDING_PAYMENT" &&
        h(
          "button",
          { type: "button", class: "primary", onclick: () => void pay(booking.id) },
          `Pay for ${booking.apartmentId}`,
        ),
      h(
        "p",
        {},
        h(
          "a",
          { href: `#/executions/${encodeURIComponent(booking.executionArn)}` },
          "Watch this booking's execution",
        ),
      ),
    );
  };

  const refresh = async () => {
    try {
      const { apartments } = await call<{ apartments: Apartment[] }>("{ apartments { id status } }");
      replace(
        apartmentsBody,
        ...apartments.map((apartment) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, apartment.id),
            h("td", {}, h("span", { class: `badge badge-${apartment.status}` }, apartment.status)),
            h(
              "td",
              {},
              h(
                "button",
                {
                  type: "button",
                  disabled: apartment.status !== "VACANT" || (!session && !!config.userPool),
                  "aria-label": `Book ${apartment.id}`,
                  onclick: () => void book(apartment.id),
                },
                "Book",
              ),
            ),
          ),
        ),
      );
      apartmentsNote.textContent =
        !session && config.userPool ? "Sign in to book." : `Updated ${new Date().toLocaleTimeString()}.`;
    } catch (error) {
      apartmentsNote.textContent =
        error instanceof GraphqlError ? refusalMessage(error.errorType, error.message) : String(error);
    }
    await refreshMine();
  };

  const refreshMine = async () => {
    if (config.userPool && !session) {
      replace(mineBody);
      mineNote.textContent = "Sign in to see your bookings.";
      return;
    }
    let mine: Booking[];
    try {
      mine = (await call<{ myBookings: Booking[] }>(`{ myBookings { ${BOOKING_FIELDS} } }`)).myBookings;
      mineNote.textContent = mine.length === 0 ? "You have no bookings yet." : "";
    } catch (error) {
      if (!(error instanceof GraphqlError) || !/myBookings/.test(error.message)) {
        mineNote.textContent =
          error instanceof GraphqlError ? refusalMessage(error.errorType, error.message) : String(error);
        return;
      }
      // An API without myBookings: follow the bookings made in this browser instead.
      mine = [];
      for (const id of remembered()) {
        const { booking } = await call<{ booking: Booking | null }>(
          `query One($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} } }`,
          { id },
        ).catch(() => ({ booking: null }));
        if (booking) mine.push(booking);
      }
      mineNote.textContent = "This API has no myBookings query: showing the bookings made in this browser.";
    }
    if (current) current = mine.find((booking) => booking.id === current?.id) ?? current;
    drawCurrent();
    replace(
      mineBody,
      ...mine.map((booking) =>
        h(
          "tr",
          { "data-booking": booking.id },
          h("th", { scope: "row" }, booking.id),
          h("td", {}, booking.apartmentId),
          h(
            "td",
            {},
            h("span", { class: `badge badge-${booking.status}` }, booking.status),
            booking.reason ? ` ${reasonText(booking.reason)}` : "",
            FINAL.has(booking.status) ? "" : " (in progress)",
          ),
          h("td", {}, h("a", { href: `#/executions/${encodeURIComponent(booking.executionArn)}` }, "View")),
        ),
      ),
    );
  };

  drawAccount();
  void refresh();
  timers.push(window.setInterval(() => void refresh(), POLL_MS));
  timers.push(window.setInterval(drawCurrentCountdown, 1000));
  function drawCurrentCountdown() {
    const countdown = currentPanel.querySelector("[data-testid=countdown]");
    if (countdown && current?.expiresAt) {
      const left = Math.max(0, Math.ceil((Date.parse(current.expiresAt) - Date.now()) / 1000));
      countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    }
  }
  return () => timers.forEach((timer) => window.clearInterval(timer));
}

const REMEMBERED = "console.bookings";

function remembered(): string[] {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? "[]") as string[];
  } catch {
    return [];
  }
}

function remember(id: string): void {
  localStorage.setItem(
    REMEMBERED,
    JSON.stringify([id, ...remembered().filter((known) => known !== id)].slice(0, 20)),
  );
}
