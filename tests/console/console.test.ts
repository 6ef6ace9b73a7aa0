import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { Screenshots, launchChromium } from "./browser";

/** Long enough to book and pay through a browser on a loaded machine, short enough to watch expire. */
const PAYMENT_WINDOW_SECONDS = 12;
const PASSWORD = "Console-test-1!";

describe("The web console, in a real browser (chromium)", function () {
  // The first page load bundles the console (Mermaid included); bookings wait out their window.
  this.timeout(180_000);
  let stack: LocalStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const shots = new Screenshots("console");
  let aliceBookingId = "";
  let alicePage: Page;
  let bobPage: Page | undefined;

  /** A user of the local pool with a known password, as an administrator creates one. */
  const createUser = async (username: string) => {
    const client = new CognitoIdentityProviderClient({
      endpoint: stack.outputs.bookingUserPoolEndpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const UserPoolId = stack.outputs.bookingUserPoolId;
    await client.send(
      new AdminCreateUserCommand({ UserPoolId, Username: username, MessageAction: "SUPPRESS" }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    client.destroy();
  };

  /** A fresh browser session (its own storage) on the console, phone-sized when asked. */
  const open = async (phone = false): Promise<Page> => {
    const context = await browser.newContext(
      phone
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } },
    );
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(stack.outputs.consoleUrl);
    return page;
  };

  /** Signs in through the form, with the keyboard, as a user would. */
  const signIn = async (page: Page, username: string) => {
    await page.getByLabel("User name", { exact: true }).fill(username);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await page.getByTestId("signed-in-user").filter({ hasText: username }).waitFor();
  };

  /** Creates a user through the console's local-only form, which then signs it in. */
  const createInConsole = async (page: Page, username: string) => {
    await page.getByText("No user yet? Create one in the local user pool").click();
    await page.getByLabel("New user name").fill(username);
    await page.getByLabel("New user's password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create local user and sign in" }).click();
    await page.getByTestId("signed-in-user").filter({ hasText: username }).waitFor();
  };

  before(async () => {
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      quiet: true,
      paymentWindowSeconds: PAYMENT_WINDOW_SECONDS,
    });
    // The console is bundled on its first request (Mermaid included): do that once, unhurried.
    const warm = await fetch(`${stack.outputs.consoleUrl}app.js`);
    assert.equal(warm.status, 200, "the console bundles");
    browser = await launchChromium();
    await createUser("alice");
  });

  afterEach(async function () {
    // What the browser showed when a step failed, next to the steps' own screenshots.
    if (this.currentTest?.state !== "failed") return;
    for (const context of contexts)
      for (const page of context.pages()) await shots.take(page, "failed").catch(() => undefined);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  it("signs alice in, books A-101, shows the payment countdown, pays, and shows PAID", async () => {
    const page = (alicePage = await open());
    // The bundle is built on the first request: give it time once.
    await page.getByRole("heading", { name: "Book an apartment" }).waitFor({ timeout: 90_000 });
    await shots.take(page, "sign-in");
    await signIn(page, "alice");

    await page.getByRole("button", { name: "Book A-101" }).click();
    await page.getByTestId("current-status").filter({ hasText: "PENDING_PAYMENT" }).waitFor();
    const countdown = await page.getByTestId("countdown").textContent();
    assert.match(String(countdown), /^0:\d\d$/, "a countdown to the end of the payment window");
    aliceBookingId = String(await page.locator("#current-heading").textContent()).replace("Booking ", "");
    await shots.take(page, "pending-payment");

    await page.getByRole("button", { name: "Pay for A-101" }).click();
    await page.getByTestId("current-status").filter({ hasText: "PAID" }).waitFor();
    await page.locator(`tr[data-booking="${aliceBookingId}"]`).filter({ hasText: "PAID" }).waitFor();
    await page.getByRole("row", { name: /A-101/ }).filter({ hasText: "PAID" }).first().waitFor();
    await shots.take(page, "paid");
  });

  it("does not show alice's booking to bob, signed in on a phone-sized screen", async () => {
    bobPage = await open(true);
    await createInConsole(bobPage, "bob");
    await bobPage.getByText("You have no bookings yet.").waitFor();
    assert.equal(await bobPage.locator(`tr[data-booking="${aliceBookingId}"]`).count(), 0);
    // The listing is public: bob sees that A-101 is taken, not by whom.
    await bobPage.getByRole("row", { name: /A-101/ }).filter({ hasText: "PAID" }).waitFor();
    assert.equal(await bobPage.getByRole("button", { name: "Book A-101" }).isDisabled(), true);
    await shots.take(bobPage, "second-user-phone");
  });

  it("lets bob's unpaid booking expire, and says why", async () => {
    bobPage ??= await open(true);
    if (!(await bobPage.getByTestId("signed-in-user").isVisible())) await createInConsole(bobPage, "bob");
    await bobPage.getByRole("button", { name: "Book A-102" }).click();
    await bobPage.getByTestId("current-status").filter({ hasText: "PENDING_PAYMENT" }).waitFor();
    await bobPage.getByTestId("current-status").filter({ hasText: "EXPIRED" }).waitFor({ timeout: 60_000 });
    await bobPage.getByText("Not paid in time: the apartment was released.").first().waitFor();
    await shots.take(bobPage, "expired-phone");
  });

  it("orders a pineapple pizza and shows the kitchen's refusal", async () => {
    const page = await open();
    await page.getByRole("link", { name: "Pizza" }).click();
    await page.getByLabel("Flavour").fill("pineapple");
    await page.getByRole("button", { name: "Order" }).click();
    const status = page.getByTestId("pizza-status");
    await status.waitFor();
    assert.match(String(await status.textContent()), /^(FAILED|HTTP 422)$/);
    await page.getByRole("alert").filter({ hasText: "They asked for Pineapple" }).waitFor();
    assert.match(String(await page.getByTestId("pizza-raw").textContent()), /Failed To Make Pizza/);
    await shots.take(page, "pineapple");
  });

  it("opens alice's booking execution and highlights the path it took to the end", async () => {
    const page = alicePage;
    await page.getByRole("link", { name: "Watch this booking's execution" }).click();
    await page.getByRole("heading", { name: "Execution" }).waitFor();
    // The booking waits out its payment window, then keeps the paid apartment.
    await page.getByTestId("execution-status").filter({ hasText: "SUCCEEDED" }).waitFor({ timeout: 60_000 });
    const visit = (state: string) =>
      page.locator(`figure.diagram g.node[data-state="${state}"]`).getAttribute("data-visit");
    await page.locator('figure.diagram g.node[data-state="Apartment Paid"][data-visit="exited"]').waitFor();
    for (const state of [
      "Check Booking Request",
      "Reserve Apartment",
      "Wait For Payment",
      "Get Booking Status",
    ])
      assert.equal(await visit(state), "exited", `${state} is on the path`);
    for (const state of ["Release Apartment", "Booking Expired", "Apartment Not Found"])
      assert.equal(await visit(state), "not-entered", `${state} is not on the path`);
    // Mermaid drew the path's class on the visited nodes.
    assert.match(
      String(await page.locator('g.node[data-state="Reserve Apartment"]').getAttribute("class")),
      /visited/,
    );

    // A state's input and output, from the keyboard.
    await page.locator('g.node[data-state="Reserve Apartment"]').focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "State data: Reserve Apartment" }).waitFor();
    assert.match(
      String(await page.getByTestId("state-input").first().textContent()),
      new RegExp(aliceBookingId),
    );
    await shots.take(page, "execution-paid");
  });

  it("marks the state an expired booking failed in, with its error and cause", async () => {
    const page = bobPage ?? (await open(true));
    await page.getByRole("link", { name: "Watch this booking's execution" }).click();
    await page.getByTestId("execution-status").filter({ hasText: "FAILED" }).waitFor();
    await page.locator('figure.diagram g.node[data-state="Booking Expired"][data-visit="failed"]').waitFor();
    await page.getByRole("alert").filter({ hasText: 'Failed in "Booking Expired"' }).waitFor();
    await page.getByRole("button", { name: "Booking Expired" }).last().click();
    await page.getByRole("heading", { name: "State data: Booking Expired" }).waitFor();
    await shots.take(page, "execution-expired");
  });

  it("lists recent executions per state machine with status and duration", async () => {
    const page = await open();
    await page.getByRole("link", { name: "Executions" }).click();
    const booking = page.getByRole("region", { name: /booking/ });
    await booking.getByRole("row").filter({ hasText: "SUCCEEDED" }).first().waitFor();
    await booking.getByRole("row").filter({ hasText: "FAILED" }).first().waitFor();
    await page
      .getByRole("region", { name: /pizza/ })
      .getByText("keeps no execution history of EXPRESS")
      .waitFor();
    await shots.take(page, "executions");
  });
});
