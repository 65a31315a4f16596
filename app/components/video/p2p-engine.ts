import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents, VideoSignal } from "../../../realtime/events";
import type { DataSaverMode, VideoConnection } from "~/modules/video/vocabulary";
import { poorConnectionMonitor, type CallEngine, type CallEvents } from "./engine";

type P2PConnection = Extract<VideoConnection, { mode: "p2p" }>;
type VideoSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Low resolution for the data-saver: a quarter of the size, at most 150 kbit/s and 15 frames per second. */
const LOW_ENCODING = { maxBitrate: 150_000, scaleResolutionDownBy: 4, maxFramerate: 15 };
/** How long a newcomer waits for the offer of the side already in the call before calling itself. */
const OFFER_WAIT_MS = 4_000;

/**
 * A 1:1 WebRTC call signalled over socket.io: the "perfect negotiation" pattern (the polite side
 * gives way when both offer at once, so offers never collide), an ICE restart when the network
 * changes or the connection fails, and the other side's video and audio on the elements bound to it.
 */
export function createP2PEngine(connection: P2PConnection, local: MediaStream | null, otherName: string, events: CallEvents): CallEngine {
  const { lessonId, polite } = connection;
  let socket: VideoSocket | null = null;
  let pc: RTCPeerConnection | null = null;
  let peerId: string | null = null;
  let makingOffer = false;
  let ignoreOffer = false;
  let dataSaver: DataSaverMode = "off";
  let closed = false;
  let offerTimer: ReturnType<typeof setTimeout> | undefined;
  const remoteStream = new MediaStream();
  let elements: { video: HTMLVideoElement | null; audio: HTMLAudioElement | null } = { video: null, audio: null };
  const monitor = poorConnectionMonitor(events.poorConnection);
  const localVideo = connection.camera ? (local?.getVideoTracks()[0] ?? null) : null;
  const localAudio = local?.getAudioTracks()[0] ?? null;

  const send = (signal: Omit<VideoSignal, "lessonId" | "to">) => {
    if (socket && peerId) socket.emit("video:signal", { lessonId, to: peerId, ...signal });
  };
  const videoTransceiver = () => pc?.getTransceivers().find((t) => t.receiver.track.kind === "video");
  // Whether the other side sends video, from the negotiated direction (remote tracks' `muted` is not reliable after renegotiation).
  const reportRemotes = () => {
    const direction = videoTransceiver()?.currentDirection;
    const video = (direction === "sendrecv" || direction === "recvonly") && remoteStream.getVideoTracks().length > 0;
    events.remotes(peerId ? [{ id: peerId, name: otherName, video }] : []);
  };
  const playAudio = () => {
    elements.audio?.play().then(
      () => events.audioBlocked(false),
      (error: unknown) => events.audioBlocked(error instanceof DOMException && error.name === "NotAllowedError"),
    );
  };
  const attach = () => {
    if (elements.video && elements.video.srcObject !== remoteStream) elements.video.srcObject = remoteStream;
    if (elements.audio && elements.audio.srcObject !== remoteStream) {
      elements.audio.srcObject = remoteStream;
      playAudio();
    }
  };
  const videoDirection = (): RTCRtpTransceiverDirection => (dataSaver === "audio" ? "inactive" : localVideo ? "sendrecv" : "recvonly");

  function hangUp() {
    pc?.close();
    pc = null;
    peerId = null;
    for (const track of remoteStream.getTracks()) remoteStream.removeTrack(track);
    monitor.stop();
  }

  /** A new peer connection to the other side's socket (replacing any earlier one). */
  function callPeer(id: string) {
    clearTimeout(offerTimer);
    hangUp();
    peerId = id;
    const peer = new RTCPeerConnection({ iceServers: connection.iceServers });
    pc = peer;
    if (localAudio) peer.addTrack(localAudio, local!);
    else peer.addTransceiver("audio", { direction: "recvonly" });
    if (connection.camera) {
      if (localVideo) peer.addTrack(localVideo, local!);
      else peer.addTransceiver("video", { direction: "recvonly" });
      const transceiver = peer.getTransceivers().find((t) => t.receiver.track.kind === "video");
      if (transceiver) transceiver.direction = videoDirection();
      void applyLowResolution();
    }
    peer.onnegotiationneeded = async () => {
      try {
        makingOffer = true;
        await peer.setLocalDescription();
        send({ description: peer.localDescription!.toJSON() });
      } catch {
        // A newer negotiation replaced this one; it sends its own offer.
      } finally {
        makingOffer = false;
      }
    };
    peer.onicecandidate = ({ candidate }) => candidate && send({ candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex, usernameFragment: candidate.usernameFragment } });
    peer.ontrack = ({ track }) => {
      remoteStream.addTrack(track);
      attach();
      reportRemotes();
    };
    peer.onsignalingstatechange = () => peer.signalingState === "stable" && reportRemotes();
    peer.onconnectionstatechange = () => {
      if (pc !== peer) return;
      if (peer.connectionState === "connected") events.state("connected");
      if (peer.connectionState === "disconnected") events.state("reconnecting");
      if (peer.connectionState === "failed") {
        events.state("reconnecting");
        peer.restartIce();
      }
    };
    reportRemotes();
  }

  async function onSignal({ from, to, description, candidate }: VideoSignal & { from: string }) {
    if (!socket || to !== socket.id) return;
    if (from !== peerId) {
      if (description?.type !== "offer") return;
      callPeer(from);
    }
    const peer = pc!;
    try {
      if (description) {
        const collision = description.type === "offer" && (makingOffer || peer.signalingState !== "stable");
        ignoreOffer = !polite && collision;
        if (ignoreOffer) return;
        await peer.setRemoteDescription(description as RTCSessionDescriptionInit);
        if (description.type === "offer") {
          await peer.setLocalDescription();
          send({ description: peer.localDescription!.toJSON() });
        }
      } else if (candidate) {
        await peer.addIceCandidate(candidate);
      }
    } catch {
      // Candidates of an offer we ignored do not fit; anything else means this connection is stuck: restart ICE.
      if (!ignoreOffer && pc === peer) peer.restartIce();
    }
  }

  async function applyLowResolution() {
    const sender = videoTransceiver()?.sender;
    if (!sender?.track) return;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) return;
    parameters.encodings = parameters.encodings.map((e) => (dataSaver === "low" ? { ...e, ...LOW_ENCODING } : { active: e.active, rid: e.rid }));
    await sender.setParameters(parameters).catch(() => undefined);
  }

  const restartIce = () => pc?.restartIce();
  const connectionInfo = (navigator as Navigator & { connection?: EventTarget }).connection;

  /** Every few seconds: is the link poor (high loss on what we send, or little bandwidth left)? */
  const statsTimer = setInterval(async () => {
    if (!pc || pc.connectionState !== "connected") return;
    let poor = false;
    (await pc.getStats()).forEach((report: Record<string, unknown>) => {
      if (report.type === "remote-inbound-rtp" && typeof report.fractionLost === "number" && report.fractionLost > 0.1) poor = true;
      if (report.type === "candidate-pair" && report.nominated && typeof report.availableOutgoingBitrate === "number" && report.availableOutgoingBitrate < 100_000) poor = true;
    });
    monitor.report(poor);
  }, 2_000);

  return {
    async connect() {
      events.state("connecting");
      const s: VideoSocket = io({ transports: ["websocket"] });
      socket = s;
      const join = async () => {
        const result = await s.timeout(10_000).emitWithAck("video:join", { lessonId }).catch(() => null);
        if (closed) return;
        if (!result || !result.ok) {
          events.state("disconnected", result && !result.ok ? result.messageKey : "video:errors.disconnected");
          return;
        }
        // After a reconnect both sides start afresh. The side already in the call is told we
        // (re)joined and makes the offer; we answer it. Two offers at once are resolved by the
        // polite side giving way, but Chromium's polite side then sometimes gathers no ICE
        // candidates and the call never connects (half of 22 joins in a row), so only
        // one side offers. Should no offer come, we call ourselves.
        const latest = result.data.peers.at(-1);
        hangUp();
        reportRemotes();
        events.state(latest ? "connecting" : "connected");
        if (latest) offerTimer = setTimeout(() => !closed && !pc && callPeer(latest), OFFER_WAIT_MS);
      };
      s.on("connect", () => void join());
      s.on("video:peer", ({ lessonId: id, peerId: newcomer }) => id === lessonId && callPeer(newcomer));
      s.on("video:peer-left", ({ lessonId: id, peerId: gone }) => {
        if (id !== lessonId || gone !== peerId) return;
        hangUp();
        events.state("connected");
        reportRemotes();
      });
      s.on("video:signal", (signal) => signal.lessonId === lessonId && void onSignal(signal));
      s.on("video:ended", ({ lessonId: id }) => {
        if (id !== lessonId) return;
        hangUp();
        events.state("ended");
      });
      window.addEventListener("online", restartIce);
      connectionInfo?.addEventListener("change", restartIce);
    },
    bind(_id, target) {
      elements = target;
      attach();
    },
    async setMicrophone(on) {
      if (localAudio) localAudio.enabled = on;
    },
    async setCamera(on) {
      if (!localVideo) return;
      localVideo.enabled = on;
    },
    async setDataSaver(mode) {
      dataSaver = mode;
      const transceiver = videoTransceiver();
      if (transceiver && transceiver.direction !== videoDirection()) transceiver.direction = videoDirection();
      await applyLowResolution();
      reportRemotes();
    },
    async startAudio() {
      playAudio();
    },
    close() {
      closed = true;
      clearInterval(statsTimer);
      clearTimeout(offerTimer);
      window.removeEventListener("online", restartIce);
      connectionInfo?.removeEventListener("change", restartIce);
      hangUp();
      if (socket) {
        socket.emit("video:leave", { lessonId });
        socket.removeAllListeners();
        socket.close();
      }
    },
  };
}
