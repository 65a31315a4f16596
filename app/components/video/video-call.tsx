import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/forms";
import { dataSaverModes, type DataSaverMode, type VideoConnection, type VideoRole } from "~/modules/video/vocabulary";
import { DeviceCheck } from "./device-check";
import type { CallEngine, CallState, RemoteView } from "./engine";

interface Props {
  lessonId: string;
  role: VideoRole;
  /** The other side's first name (the child's for the volunteer, the volunteer's for the child). */
  otherName: string;
  large?: boolean;
}

/**
 * The lesson room's video: connection details from the server (LiveKit or peer-to-peer), a device
 * check, then the call. Coordinators observe hidden through LiveKit and skip the device check.
 */
export function VideoCall({ lessonId, role, otherName, large = false }: Props) {
  const { t } = useTranslation("video");
  const errorText = useErrorText();
  const [connection, setConnection] = useState<VideoConnection | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // undefined: the device check is not done yet; null: joined without camera and microphone.
  const [local, setLocal] = useState<MediaStream | null | undefined>(role === "observer" ? null : undefined);
  const child = role === "child";

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const response = await fetch(`/lessons/${encodeURIComponent(lessonId)}/video`, { method: "POST", headers: { Accept: "application/json" } });
      const body = (await response.json()) as VideoConnection | { messageKey: string };
      if ("messageKey" in body) setLoadError(body.messageKey);
      else setConnection(body);
    } catch {
      setLoadError("video:errors.load");
    }
  }, [lessonId]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => () => local?.getTracks().forEach((track) => track.stop()), [local]);

  let content;
  if (loadError) {
    content = (
      <div className="space-y-3 p-4">
        <p role="alert">{errorText(loadError)}</p>
        <button type="button" className="btn-secondary" onClick={() => void load()}>
          {t("retry")}
        </button>
      </div>
    );
  } else if (!connection) {
    content = <p className="p-4">{t("loading")}</p>;
  } else if (connection.mode === "p2p" && role === "observer") {
    content = <p className="p-4">{t("observerNeedsLiveKit")}</p>;
  } else if (local === undefined) {
    content = <DeviceCheck camera={connection.camera} child={child} onJoin={setLocal} />;
  } else {
    content = <Call connection={connection} local={local} otherName={otherName} child={child} large={large} onRetry={() => void load()} />;
  }

  return (
    <section aria-label={t("title")} className={`w-full overflow-hidden rounded-2xl bg-slate-800 text-slate-100 ${large ? "min-h-64" : "min-h-48"}`} data-testid="video-slot">
      {connection && !connection.camera ? <p className="bg-sun-100 p-3 font-medium text-slate-900">{t(child ? "audioOnlyChild" : "audioOnly")}</p> : null}
      {content}
    </section>
  );
}

function Call({ connection, local, otherName, child, large, onRetry }: { connection: VideoConnection; local: MediaStream | null; otherName: string; child: boolean; large: boolean; onRetry: () => void }) {
  const { t } = useTranslation("video");
  const errorText = useErrorText();
  const k = (key: string, params?: Record<string, string>) => t(child ? `${key}Child` : key, params);
  const [engine, setEngine] = useState<CallEngine | null>(null);
  const [state, setState] = useState<{ state: CallState; messageKey?: string }>({ state: "connecting" });
  const [remotes, setRemotes] = useState<RemoteView[]>([]);
  const [audioBlocked, setAudioBlocked] = useState(false);
  const [microphone, setMicrophone] = useState(true);
  const [camera, setCamera] = useState(true);
  const [dataSaver, setDataSaver] = useState<DataSaverMode>("off");
  const [poorNotice, setPoorNotice] = useState(false);
  const selfView = useRef<HTMLVideoElement>(null);
  const publishing = connection.role !== "observer";
  const localVideo = connection.camera ? (local?.getVideoTracks()[0] ?? null) : null;

  useEffect(() => {
    let current: CallEngine | null = null;
    let cancelled = false;
    const events = {
      state: (next: CallState, messageKey?: string) => setState({ state: next, messageKey }),
      remotes: setRemotes,
      audioBlocked: setAudioBlocked,
      poorConnection: () => {
        setDataSaver((mode) => (mode === "off" ? "low" : mode));
        setPoorNotice(true);
      },
    };
    (async () => {
      const created =
        connection.mode === "livekit"
          ? await (await import("./livekit-engine")).createLiveKitEngine(connection, local, events)
          : (await import("./p2p-engine")).createP2PEngine(connection, local, otherName, events);
      if (cancelled) return created.close();
      current = created;
      setEngine(created);
      await created.connect().catch(() => !cancelled && setState({ state: "disconnected", messageKey: "video:errors.disconnected" }));
    })().catch(() => !cancelled && setState({ state: "disconnected", messageKey: "video:errors.load" }));
    return () => {
      cancelled = true;
      current?.close();
    };
  }, [connection, local, otherName]);

  // Data-saver and the camera toggle together decide whether our camera is sent.
  useEffect(() => {
    if (!engine) return;
    void engine.setDataSaver(dataSaver);
    if (localVideo) void engine.setCamera(camera && dataSaver !== "audio");
  }, [engine, dataSaver, camera, localVideo]);
  useEffect(() => {
    if (engine && publishing) void engine.setMicrophone(microphone);
  }, [engine, microphone, publishing]);
  useEffect(() => {
    if (selfView.current) selfView.current.srcObject = localVideo ? new MediaStream([localVideo]) : null;
  }, [localVideo]);

  const showSelf = !!localVideo && camera && dataSaver !== "audio";
  const names = remotes.map((r) => r.name).join(", ");
  return (
    <div className="space-y-3 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" aria-live="polite" data-testid="video-state" className={`rounded-full px-3 py-1 text-sm font-semibold ${state.state === "connected" ? "bg-brand-100 text-brand-900" : "bg-sun-100 text-slate-900"}`}>
          {t(`state.${state.state}`)}
        </p>
        <p className="text-sm" data-testid="call-participants">
          {remotes.length ? t("inCall", { names }) : t("nobody")}
        </p>
      </div>
      <div className={`relative grid gap-2 ${remotes.length > 1 ? "sm:grid-cols-2" : ""}`}>
        {remotes.length === 0 ? (
          <p className={`flex aspect-video items-center justify-center rounded-xl bg-slate-900 p-4 text-center ${large ? "text-xl" : ""}`}>
            {state.state === "ended" ? t("state.ended") : k("waiting", { name: otherName })}
          </p>
        ) : (
          remotes.map((remote) => <RemoteTile key={remote.id} remote={remote} engine={engine} cameraOff={t("cameraOff")} />)
        )}
        {showSelf ? (
          <video ref={selfView} autoPlay muted playsInline aria-label={k("you")} data-testid="self-video" className="absolute bottom-2 right-2 w-24 -scale-x-100 rounded-lg border-2 border-white shadow sm:w-36" />
        ) : (
          <video ref={selfView} hidden muted />
        )}
      </div>
      {state.state === "disconnected" && state.messageKey ? <p role="alert">{errorText(state.messageKey)}</p> : null}
      {poorNotice ? <p className="rounded-lg bg-sun-100 p-2 text-slate-900">{k("poor")}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        {audioBlocked ? (
          <button type="button" className={`btn-primary ${child ? "min-h-14 text-xl" : ""}`} onClick={() => void engine?.startAudio()}>
            {k("unlockAudio")}
          </button>
        ) : null}
        {state.state === "disconnected" ? (
          <button type="button" className="btn-primary" onClick={onRetry}>
            {t("retry")}
          </button>
        ) : null}
        {publishing && local?.getAudioTracks().length ? (
          <button type="button" className={`btn-secondary ${child ? "min-h-12" : ""}`} aria-pressed={!microphone} onClick={() => setMicrophone((on) => !on)}>
            {t(microphone ? "microphoneOn" : "microphoneOff")}
          </button>
        ) : null}
        {localVideo ? (
          <button type="button" className={`btn-secondary ${child ? "min-h-12" : ""}`} aria-pressed={!camera} onClick={() => setCamera((on) => !on)} disabled={dataSaver === "audio"}>
            {t(camera ? "cameraOnButton" : "cameraOffButton")}
          </button>
        ) : null}
        {connection.camera ? (
          <label className="flex items-center gap-2 text-sm font-medium">
            {t("dataSaver.label")}
            <select className="input w-auto py-1 text-slate-900" value={dataSaver} data-testid="data-saver" onChange={(e) => setDataSaver(e.target.value as DataSaverMode)}>
              {dataSaverModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`dataSaver.${mode}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
    </div>
  );
}

function RemoteTile({ remote, engine, cameraOff }: { remote: RemoteView; engine: CallEngine | null; cameraOff: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (!engine) return;
    engine.bind(remote.id, { video: video.current, audio: audio.current });
    return () => engine.bind(remote.id, { video: null, audio: null });
  }, [engine, remote.id]);
  return (
    <figure className="relative aspect-video overflow-hidden rounded-xl bg-slate-900">
      <video ref={video} autoPlay muted playsInline data-testid="remote-video" className="h-full w-full object-contain" />
      <audio ref={audio} autoPlay data-testid="remote-audio" />
      {!remote.video ? (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-slate-900" aria-hidden="true">
          <span className="flex h-16 w-16 items-center justify-center rounded-full bg-brand-700 text-3xl font-bold">{remote.name.slice(0, 1)}</span>
          <span>{cameraOff}</span>
        </div>
      ) : null}
      <figcaption className="absolute bottom-2 left-2 rounded bg-slate-900/80 px-2 py-0.5 text-sm">{remote.name}</figcaption>
    </figure>
  );
}
