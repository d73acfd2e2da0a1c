package io.servicebook.server.chat;

import io.servicebook.server.live.LiveStreams;
import io.servicebook.server.notifications.Notifications;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams: the customer's (the chat's new lines, each with its number as the event id so a
 * reconnecting browser continues where it stopped; the secret rides in the query, since {@code
 * EventSource} cannot send headers) and the agent's (a console page hears that its case changed, or
 * the inbox that a chat is waiting, and every console page that a notification arrived for the
 * agent or one of their roles, so the bell redraws; while it is open the agent counts as online).
 */
@RestController
class ChatStreamsController {

  private final Chats chats;
  private final ChatAvailability availability;
  private final LiveStreams streams;
  private final Notifications notifications;

  ChatStreamsController(
      Chats chats,
      ChatAvailability availability,
      LiveStreams streams,
      Notifications notifications) {
    this.chats = chats;
    this.availability = availability;
    this.streams = streams;
    this.notifications = notifications;
  }

  @GetMapping(path = "/chat/api/chats/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter customer(
      @PathVariable String id,
      @RequestParam(required = false) String secret,
      @RequestParam(defaultValue = "-1") int after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      @RequestHeader(name = "Accept", required = false) String accept) {
    asksForEvents(accept);
    ChatRepository.StoredChat chat = chats.open(id, secret);
    AtomicInteger last = new AtomicInteger(Math.max(after, seq(lastEventId)));
    return streams.open(
        List.of(ChatCaseChanges.topic(chat.caseId())),
        stream -> push(chat, last, stream),
        (json, stream) -> push(chat, last, stream),
        () -> {});
  }

  private void push(ChatRepository.StoredChat chat, AtomicInteger last, LiveStreams.Stream stream) {
    synchronized (last) {
      for (Chats.Line line : chats.lines(chat, last.get())) {
        if (!stream.send("message", String.valueOf(line.seq()), line)) {
          return;
        }
        last.set(line.seq());
      }
    }
  }

  @GetMapping(path = "/chat/agent/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter agent(
      @RequestParam(name = "case") Optional<String> caseId,
      @RequestHeader(name = "Accept", required = false) String accept,
      Principal principal) {
    asksForEvents(accept);
    String username = principal.getName();
    availability.seen(username);
    List<String> topics = new ArrayList<>();
    topics.add(
        caseId
            .map(String::strip)
            .filter(c -> c.matches("[A-Za-z0-9-]{1,64}"))
            .map(ChatCaseChanges::topic)
            .orElse(ChatCaseChanges.WAITING));
    topics.addAll(notifications.liveTopics(username));
    return streams.open(
        topics,
        stream -> stream.send("ready", "{}"),
        (json, stream) ->
            stream.send(Notifications.isLiveEvent(json) ? "notification" : "changed", json),
        () -> availability.seen(username));
  }

  /**
   * A stream is only for a client that asks for one by name ({@code EventSource} does): anything
   * else (a link followed, a crawler, a probe with {@code *}{@code /*}) would hold a connection
   * open that nobody reads.
   */
  private static void asksForEvents(String accept) {
    if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_ACCEPTABLE, "A live stream answers `Accept: text/event-stream` only.");
    }
  }

  private static int seq(String lastEventId) {
    try {
      return lastEventId == null ? -1 : Integer.parseInt(lastEventId.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
