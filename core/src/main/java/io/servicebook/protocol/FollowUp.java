package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.Optional;

/** A check-in with the customer some time after the case is resolved. */
public record FollowUp(
    IsoDuration after, Optional<Channel> channel, Optional<Script> script, Position position) {}
