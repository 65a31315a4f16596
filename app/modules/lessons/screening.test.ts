import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MASK, screenChat } from "./screening";

const cases: [string, string, string[]][] = [
  // phone numbers, plain and spelled out
  ["moj telefon je 041 123 456", "moj telefon je •••", ["phone"]],
  ["pokliči +386 41 123 456", "pokliči •••", ["phone"]],
  ["01/234-56-78", "•••", ["phone"]],
  ["041-123-456 ali 031 987 654", "••• ali •••", ["phone"]],
  ["(01) 234 56 78", "(•••", ["phone"]],
  ["041123456", "•••", ["phone"]],
  ["nič štiri ena ena dva tri štiri pet šest", "•••", ["phone"]],
  ["zero four one one two three four five six", "•••", ["phone"]],
  ["041 ena dva tri 456", "•••", ["phone"]],
  // e-mail addresses, plain and spelled out
  ["ana.novak@gmail.com", "•••", ["email"]],
  ["piši na ana_n+1@sola.si!", "piši na •••!", ["email"]],
  ["ana afna gmail pika com", "•••", ["email"]],
  ["ana (at) gmail (dot) com", "•••", ["email"]],
  ["ana [afna] gmail [pika] si", "•••", ["email"]],
  ["ana at gmail dot com", "•••", ["email"]],
  ["ANA @ GMAIL . COM", "•••", ["email"]],
  // links
  ["www.example.com", "•••", ["link"]],
  ["glej https://x.y/z?q=1 zdaj", "glej ••• zdaj", ["link"]],
  ["discord.gg/abc", "•••", ["link"]],
  ["t.me/ana", "•••", ["link"]],
  ["youtube.com/watch?v=1", "•••", ["link"]],
  ["moja-stran.si", "•••", ["link"]],
  ["gmail pika com", "•••", ["link"]],
  ["example dot com", "•••", ["link"]],
  // social handles, Slovenian and English forms
  ["moj insta je ana_12", "moj insta je •••", ["handle"]],
  ["instagram: marko", "instagram: •••", ["handle"]],
  ["sledi mi na tiktoku marko_123", "sledi mi na tiktoku •••", ["handle"]],
  ["snapchat je maja.k", "snapchat je •••", ["handle"]],
  ["najdeš me na fb kot ana123", "najdeš me na fb kot •••", ["handle"]],
  ["my discord is ana#1234", "my discord is •••", ["handle"]],
  ["add me on snap: cool.kid", "add me on snap: •••", ["handle"]],
  ["dodaj me @ana.k", "dodaj me •••", ["handle"]],
  ["@maja_2014 piši mi", "••• piši mi", ["handle"]],
  ["whatsapp me at maja99", "whatsapp me at •••", ["handle"]],
  // several kinds at once
  ["041 123 456 ali ana@x.si ali insta je ana.k", "••• ali ••• ali insta je •••", ["email", "handle", "phone"]],
];

const clean = [
  "2 + 2 = 4",
  "23. 11. 2026",
  "1 000 000",
  "12 x 12 = 144",
  "Kaj je 3.5 + 2.5?",
  "To je v poglavju 3.2",
  "Stran 12, naloga 4.",
  "I'm at school at 5",
  "na youtube video o ulomkih",
  "imaš instagram?",
  "ena plus ena je dva",
  "Ulomek 3/4 je 0,75",
  "Rešitev: x = 12, y = 7",
  "Se vidiva v torek ob 17.00!",
  "Super si, bravo 🙂",
  "Preberi str. 45–47 do četrtka.",
  "Koliko je 123 + 456?",
];

describe("chat screening", () => {
  it.each(cases)("masks %j", (text, masked, flags) => {
    expect(screenChat(text)).toEqual({ masked, flags });
  });

  it.each(clean)("leaves ordinary lesson talk alone: %j", (text) => {
    expect(screenChat(text)).toEqual({ masked: text, flags: [] });
  });

  it("never lets a generated e-mail address or phone number through", () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(word, word, fc.constantFrom("com", "si", "net", "org"), fc.constantFrom("", "Piši mi: ", "moj mail "), (user, domain, tld, prefix) => {
        const address = `${user}@${domain}.${tld}`;
        const { masked, flags } = screenChat(`${prefix}${address}`);
        expect(masked).not.toContain(address);
        expect(masked).not.toContain(`${domain}.${tld}`);
        expect(flags).toContain("email");
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 12 }), fc.constantFrom(" ", "-", "/", ""), (digits, separator) => {
        const number = `0${digits.slice(0, 2).join("")}${separator}${digits.slice(2, 5).join("")}${separator}${digits.slice(5).join("")}`;
        const { masked, flags } = screenChat(`pokliči ${number}`);
        expect(masked).toBe(`pokliči ${MASK}`);
        expect(flags).toEqual(["phone"]);
      }),
    );
  });

  it("is idempotent and never grows contact details back", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const once = screenChat(text).masked;
        expect(screenChat(once).masked).toBe(once);
      }),
    );
  });
});
