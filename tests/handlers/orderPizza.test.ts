import assert from "node:assert/strict";
import { handler } from "../../handlers/orderPizza";

describe("orderPizza handler", () => {
  const pineapple = ["pineapple", "hawaiian", "Pineapple ", " HAWAIIAN", "\tPineApple\n"];
  for (const flavour of pineapple) {
    it(`finds pineapple in ${JSON.stringify(flavour)}, whatever the case and surrounding spaces`, async () => {
      assert.deepStrictEqual(await handler(flavour), { containsPineapple: true });
    });
  }

  for (const flavour of ["pepperoni", "Margherita", "pineapple-free veggie", "hawaiian bbq"]) {
    it(`finds no pineapple in ${JSON.stringify(flavour)}`, async () => {
      assert.deepStrictEqual(await handler(flavour), { containsPineapple: false });
    });
  }

  it("rejects a blank flavour as InvalidOrder, saying what to send", async () => {
    await assert.rejects(handler("   "), {
      name: "InvalidOrder",
      message: /"flavour" must not be empty or blank; send \{"flavour": "pepperoni"\}/,
    });
  });

  it("rejects a flavour that is not a string as InvalidOrder, naming its type", async () => {
    await assert.rejects(handler(42), {
      name: "InvalidOrder",
      message: /"flavour" must be a string, got number/,
    });
    await assert.rejects(handler(null), { name: "InvalidOrder", message: /got null/ });
  });
});
