import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Why the camera or microphone could not be used, as a translation key of `video:setup`. */
function problemOf(error: unknown): "permissionDenied" | "noDevice" | "deviceError" {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "permissionDenied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noDevice";
  return "deviceError";
}

const videoConstraints = (deviceId: string) => ({ ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 640 }, height: { ideal: 360 } });

/**
 * Before joining: the camera's preview, a choice of camera and microphone, and a clear message
 * when the browser refuses them or none exists (one may still join and listen). The stream is
 * handed to the call on "Join"; otherwise its tracks stop when this goes away.
 */
export function DeviceCheck({ camera, child, onJoin }: { camera: boolean; child: boolean; onJoin: (stream: MediaStream | null) => void }) {
  const { t } = useTranslation("video");
  const k = (key: string) => t(child ? `${key}Child` : key);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [choice, setChoice] = useState({ camera: "", microphone: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const preview = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);

  useEffect(() => {
    let current: MediaStream | null = null;
    let cancelled = false;
    setChecking(true);
    (async () => {
      const audio = choice.microphone ? { deviceId: { exact: choice.microphone } } : true;
      try {
        current = await navigator.mediaDevices.getUserMedia({ audio, video: camera ? videoConstraints(choice.camera) : false });
        setProblem(null);
      } catch (error) {
        setProblem(problemOf(error));
        // Without a camera the lesson still works with the microphone alone.
        if (camera && problemOf(error) === "noDevice") current = await navigator.mediaDevices.getUserMedia({ audio, video: false }).catch(() => null);
      }
      if (cancelled) return current?.getTracks().forEach((track) => track.stop());
      setStream(current);
      setDevices(await navigator.mediaDevices.enumerateDevices().catch(() => []));
      setChecking(false);
    })();
    return () => {
      cancelled = true;
      if (!handedOver.current) current?.getTracks().forEach((track) => track.stop());
    };
  }, [camera, choice.camera, choice.microphone, attempt]);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream]);

  const cameras = devices.filter((d) => d.kind === "videoinput" && d.deviceId);
  const microphones = devices.filter((d) => d.kind === "audioinput" && d.deviceId);
  const hasVideo = !!stream?.getVideoTracks().length;
  const join = () => {
    handedOver.current = true;
    onJoin(stream);
  };

  return (
    <div className="space-y-3 p-4 text-left text-slate-100" data-testid="device-check">
      <h3 className="text-lg font-semibold">{k("setup.title")}</h3>
      {camera ? (
        <div className="relative mx-auto aspect-video max-w-sm overflow-hidden rounded-xl bg-slate-900">
          <video ref={preview} autoPlay muted playsInline aria-label={k("setup.preview")} className="h-full w-full -scale-x-100 object-cover" />
          {!hasVideo ? <p className="absolute inset-0 flex items-center justify-center text-slate-300">{t("setup.noPreview")}</p> : null}
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="rounded-lg bg-sun-100 p-3 font-medium text-slate-900">
          {k(`setup.${problem}`)}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {camera ? <DeviceSelect label={t("setup.camera")} devices={cameras} value={choice.camera || stream?.getVideoTracks()[0]?.getSettings().deviceId} onChange={(id) => setChoice((c) => ({ ...c, camera: id }))} /> : null}
        <DeviceSelect label={t("setup.microphone")} devices={microphones} value={choice.microphone || stream?.getAudioTracks()[0]?.getSettings().deviceId} onChange={(id) => setChoice((c) => ({ ...c, microphone: id }))} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={`btn-primary ${child ? "min-h-14 w-full text-xl sm:w-auto" : ""}`} onClick={join} disabled={checking}>
          {checking ? k("setup.checking") : stream ? k("setup.join") : k("setup.joinWithout")}
        </button>
        {problem && !checking ? (
          <button type="button" className="btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t("setup.tryAgain")}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** A choice among devices of one kind, shown only when there is more than one. */
function DeviceSelect({ label, devices, value, onChange }: { label: string; devices: MediaDeviceInfo[]; value: string | undefined; onChange: (deviceId: string) => void }) {
  if (devices.length < 2) return null;
  return (
    <label className="block text-sm font-medium">
      {label}
      <select className="input mt-1 text-slate-900" value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}
