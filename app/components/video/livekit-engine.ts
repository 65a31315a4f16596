import type { RemoteParticipant, RemoteTrack, Room } from "livekit-client";
import type { DataSaverMode, VideoConnection } from "~/modules/video/vocabulary";
import { poorConnectionMonitor, type CallEngine, type CallEvents } from "./engine";

type LiveKitConnection = Extract<VideoConnection, { mode: "livekit" }>;

/**
 * The call through LiveKit. livekit-client (≈ 0.6 MB) is imported only here, when a lesson's
 * call starts, so no other page carries it. One `Room` per call, with adaptive stream (video
 * sized to its element, paused when hidden), dynacast and simulcast; its listeners go with it.
 */
export async function createLiveKitEngine(connection: LiveKitConnection, local: MediaStream | null, events: CallEvents): Promise<CallEngine> {
  const lk = await import("livekit-client");
  const { RoomEvent, Track, VideoPresets, VideoQuality, ConnectionQuality, DisconnectReason } = lk;
  lk.setLogLevel("silent");
  const room: Room = new lk.Room({
    adaptiveStream: true,
    dynacast: true,
    disconnectOnPageLeave: true,
    // The tracks come from the device check and belong to the component, which stops them when the room goes.
    stopLocalTrackOnUnpublish: false,
    publishDefaults: { simulcast: true, videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360] },
  });
  const elements = new Map<string, { video: HTMLVideoElement | null; audio: HTMLAudioElement | null }>();
  let dataSaver: DataSaverMode = "off";
  let closed = false;
  const monitor = poorConnectionMonitor(events.poorConnection);

  const cameraOf = (p: RemoteParticipant) => p.getTrackPublication(Track.Source.Camera);
  const reportRemotes = () =>
    events.remotes(
      [...room.remoteParticipants.values()].map((p) => {
        const camera = cameraOf(p);
        return { id: p.identity, name: p.name || p.identity, video: !!camera?.track && !camera.isMuted && dataSaver !== "audio" };
      }),
    );
  const attach = (track: RemoteTrack, participant: RemoteParticipant) => {
    const target = elements.get(participant.identity);
    const element = track.kind === Track.Kind.Video ? target?.video : target?.audio;
    if (element) track.attach(element);
  };
  const applyDataSaver = (p: RemoteParticipant) => {
    const camera = cameraOf(p);
    if (!camera) return;
    camera.setSubscribed(dataSaver !== "audio");
    if (dataSaver !== "audio") camera.setVideoQuality(dataSaver === "low" ? VideoQuality.LOW : VideoQuality.HIGH);
  };

  room
    .on(RoomEvent.Reconnecting, () => events.state("reconnecting"))
    .on(RoomEvent.SignalReconnecting, () => events.state("reconnecting"))
    .on(RoomEvent.Reconnected, () => events.state("connected"))
    .on(RoomEvent.Disconnected, (reason) => {
      monitor.stop();
      if (closed) return;
      const ended = reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.PARTICIPANT_REMOVED;
      events.state(ended ? "ended" : "disconnected", ended ? undefined : reason === DisconnectReason.DUPLICATE_IDENTITY ? "video:errors.otherTab" : "video:errors.disconnected");
    })
    .on(RoomEvent.ParticipantConnected, (p) => {
      applyDataSaver(p);
      reportRemotes();
    })
    .on(RoomEvent.ParticipantDisconnected, reportRemotes)
    .on(RoomEvent.TrackPublished, (_pub, p) => {
      applyDataSaver(p);
      reportRemotes();
    })
    .on(RoomEvent.TrackSubscribed, (track, _pub, p) => {
      attach(track, p);
      reportRemotes();
    })
    .on(RoomEvent.TrackUnsubscribed, (track) => {
      track.detach();
      reportRemotes();
    })
    .on(RoomEvent.TrackMuted, reportRemotes)
    .on(RoomEvent.TrackUnmuted, reportRemotes)
    .on(RoomEvent.AudioPlaybackStatusChanged, () => events.audioBlocked(!room.canPlaybackAudio))
    .on(RoomEvent.ConnectionQualityChanged, (quality, participant) => {
      if (participant.isLocal) monitor.report(quality === ConnectionQuality.Poor || quality === ConnectionQuality.Lost);
    });

  const localCamera = () => room.localParticipant.getTrackPublication(Track.Source.Camera);

  return {
    async connect() {
      events.state("connecting");
      await room.connect(connection.url, connection.token);
      if (closed) return;
      events.state("connected");
      events.audioBlocked(!room.canPlaybackAudio);
      for (const p of room.remoteParticipants.values()) applyDataSaver(p);
      reportRemotes();
      if (connection.role === "observer" || !local) return;
      const [audio] = local.getAudioTracks();
      const [video] = local.getVideoTracks();
      if (audio) await room.localParticipant.publishTrack(audio, { source: Track.Source.Microphone });
      if (video && connection.camera) await room.localParticipant.publishTrack(video, { source: Track.Source.Camera, simulcast: true });
    },
    bind(id, target) {
      if (!target.video && !target.audio) {
        elements.delete(id);
        return;
      }
      elements.set(id, target);
      const participant = room.remoteParticipants.get(id);
      if (!participant) return;
      for (const pub of participant.trackPublications.values()) if (pub.track) attach(pub.track, participant);
    },
    async setMicrophone(on) {
      await room.localParticipant.setMicrophoneEnabled(on);
    },
    async setCamera(on) {
      if (!connection.camera) return;
      await room.localParticipant.setCameraEnabled(on);
    },
    async setDataSaver(mode) {
      dataSaver = mode;
      for (const p of room.remoteParticipants.values()) applyDataSaver(p);
      const camera = localCamera()?.videoTrack;
      if (camera && "setPublishingQuality" in camera) camera.setPublishingQuality(mode === "low" ? VideoQuality.LOW : VideoQuality.HIGH);
      reportRemotes();
    },
    async startAudio() {
      await room.startAudio();
      events.audioBlocked(!room.canPlaybackAudio);
    },
    close() {
      closed = true;
      monitor.stop();
      room.removeAllListeners();
      void room.disconnect();
    },
  };
}
