package io.servicebook.server.cases;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.util.Optional;

/** A customer's first message as the API received it, already checked field by field. */
public record NewCase(
    Channel channel,
    String category,
    String subject,
    String message,
    Priority priority,
    String firstName,
    String lastName,
    String email,
    Optional<String> phone,
    String language,
    String tier) {}
