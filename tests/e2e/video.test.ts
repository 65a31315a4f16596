import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonAttendance, lessons } from "../../db/schema";
import { expectAccessible, photograph, type AppProcess, type BrowserSession } from "./harness";
import { pairInRoom as openPair, remoteVideoWidth, startVideoStack, videoTestsAvailable, type VideoStack } from "./video-env";

const enabled = videoTestsAvailable();

/** Loudest sample of the other side's audio over two seconds (Chromium's fake microphone beeps). */
const remoteAudioPeak = (page: Page) =>
  page.evaluate(async () => {
    const element = document.querySelector<HTMLAudioElement>("[data-testid=remote-audio]");
    const tracks = element?.srcObject instanceof MediaStream ? element.srcObject.getAudioTracks() : [];
    if (tracks.length === 0) return 0;
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(new MediaStream(tracks)).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      analyser.getFloatTimeDomainData(samples);
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    }
    await context.close();
    return peak;
  });

describe.skipIf(!enabled)("lesson video in Chromium, inside a loopback-only network namespace", () => {
  let stack: VideoStack;
  let browser: BrowserSession;
  let p2p: AppProcess;
  let liveKitApp: AppProcess;

  beforeAll(async () => {
    stack = await startVideoStack();
    ({ browser, p2pApp: p2p, liveKitApp } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const pairInRoom = (app: AppProcess, options?: { consent?: boolean }) => openPair(browser, app, options);

  async function joinBoth(volunteer: Page, child: Page) {
    await volunteer.getByRole("button", { name: "Vstopi v klic" }).click();
    await child.getByRole("button", { name: "Začni klic" }).click();
    await expect.poll(() => remoteVideoWidth(volunteer), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => remoteVideoWidth(child), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await remoteAudioPeak(volunteer)).toBeGreaterThan(0.01);
    expect(await remoteAudioPeak(child)).toBeGreaterThan(0.01);
  }

  it("peer-to-peer: device check, the pair sees and hears each other, a coordinator is told observing needs LiveKit, ending the lesson hangs up", async () => {
    const { lesson, coordinator, volunteerPage, childPage } = await pairInRoom(p2p);
    await expect.poll(() => childPage.getByTestId("device-check").count()).toBe(1);
    await expect.poll(() => childPage.getByRole("button", { name: "Začni klic" }).isEnabled()).toBe(true);
    await expectAccessible(childPage);
    await photograph(childPage, "video-device-check-child");
    await joinBoth(volunteerPage, childPage);
    await expect.poll(() => childPage.getByTestId("video-state").textContent()).toBe("Klic je povezan");
    await expect.poll(() => volunteerPage.getByTestId("call-participants").textContent()).toBe("V klicu: Maja");
    await expectAccessible(childPage);
    await photograph(childPage, "video-p2p-child");
    await photograph(volunteerPage, "video-p2p-volunteer");

    // The data-saver's "audio only" stops video both ways; back to full quality brings it back.
    await volunteerPage.getByLabel("Varčevanje s podatki").selectOption("audio");
    await expect.poll(() => childPage.getByText("Kamera je izklopljena").count(), { timeout: 10_000 }).toBe(1);
    await volunteerPage.getByLabel("Varčevanje s podatki").selectOption("off");
    await expect.poll(() => childPage.getByText("Kamera je izklopljena").count(), { timeout: 10_000 }).toBe(0);

    // The volunteer reloads the page: the child, still in the call, calls again and both see each other.
    await volunteerPage.reload();
    await volunteerPage.getByRole("button", { name: "Vstopi v klic" }).click();
    await expect.poll(() => remoteVideoWidth(volunteerPage), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => volunteerPage.getByTestId("video-state").textContent()).toBe("Klic je povezan");
    await expect.poll(() => remoteVideoWidth(childPage), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => childPage.getByTestId("call-participants").textContent()).toBe("V klicu: Nina");

    const observer = await browser.newPage();
    await p2p.signIn(observer, coordinator.email!);
    await observer.goto(`${p2p.url}/lessons/${lesson.id}`);
    await expect.poll(() => observer.getByText("Za opazovanje videa potrebuje Tandem strežnik LiveKit").count()).toBe(1);

    await volunteerPage.getByRole("button", { name: "Končaj uro" }).click();
    await expect.poll(() => childPage.getByRole("heading", { level: 1 }).textContent()).toBe("Ura je končana!");
    await expect.poll(() => volunteerPage.getByTestId("video-slot").count()).toBe(0);
    await Promise.all([volunteerPage.close(), childPage.close(), observer.close()]);
  }, 90_000);

  it("peer-to-peer without video consent: audio only, said in the child's words", async () => {
    const { volunteerPage, childPage } = await pairInRoom(p2p, { consent: false });
    await expect.poll(() => childPage.getByText("Danes se samo slišita").count()).toBe(1);
    await volunteerPage.getByRole("button", { name: "Vstopi v klic" }).click();
    await childPage.getByRole("button", { name: "Začni klic" }).click();
    await expect.poll(() => childPage.getByTestId("video-state").textContent(), { timeout: 15_000 }).toBe("Klic je povezan");
    await expect.poll(() => remoteAudioPeak(childPage), { timeout: 10_000 }).toBeGreaterThan(0.01);
    expect(await remoteVideoWidth(childPage)).toBe(0);
    await photograph(childPage, "video-audio-only-child");
    await Promise.all([volunteerPage.close(), childPage.close()]);
  }, 60_000);

  it("LiveKit: the pair sees and hears each other, a coordinator observes hidden, webhooks record attendance, ending the lesson closes the call for everyone", async () => {
    const { lesson, volunteer, childUser, coordinator, volunteerPage, childPage } = await pairInRoom(liveKitApp);
    await joinBoth(volunteerPage, childPage);
    await expect.poll(() => childPage.getByTestId("call-participants").textContent()).toBe("V klicu: Nina");

    const observer = await browser.newPage();
    await liveKitApp.signIn(observer, coordinator.email!);
    await observer.goto(`${liveKitApp.url}/lessons/${lesson.id}`);
    await expect.poll(() => observer.getByTestId("remote-video").count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => remoteVideoWidth(observer), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAccessible(observer);
    await photograph(observer, "video-livekit-observer");
    // Hidden: neither side lists the coordinator.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await childPage.getByTestId("call-participants").textContent()).toBe("V klicu: Nina");
    expect(await childPage.getByTestId("remote-video").count()).toBe(1);
    expect(await volunteerPage.getByTestId("call-participants").textContent()).toBe("V klicu: Maja");
    await photograph(childPage, "video-livekit-child");
    await photograph(volunteerPage, "video-livekit-volunteer");

    const attendance = () =>
      liveKitApp.services.db
        .select({ userId: lessonAttendance.userId, role: lessonAttendance.role, leftAt: lessonAttendance.leftAt })
        .from(lessonAttendance)
        .where(and(eq(lessonAttendance.lessonId, lesson.id), eq(lessonAttendance.source, "livekit")))
        .all();
    await expect.poll(() => attendance().map((row) => row.role).sort(), { timeout: 10_000 }).toEqual(["child", "observer", "volunteer"]);
    expect(attendance().find((row) => row.role === "volunteer")!.userId).toBe(volunteer.id);
    expect(attendance().find((row) => row.role === "child")!.userId).toBe(childUser.id);

    await volunteerPage.getByRole("button", { name: "Končaj uro" }).click();
    await expect.poll(() => childPage.getByRole("heading", { level: 1 }).textContent()).toBe("Ura je končana!");
    // The room service removed everyone: LiveKit reports every participant gone.
    await expect.poll(() => attendance().every((row) => row.leftAt !== null), { timeout: 15_000 }).toBe(true);
    const held = liveKitApp.services.db.select().from(lessons).where(eq(lessons.id, lesson.id)).get()!;
    expect(held.status).toBe("completed");
    expect(held.actualEnd).not.toBeNull();
    await Promise.all([volunteerPage.close(), childPage.close(), observer.close()]);
  }, 120_000);
});
