package io.servicebook.server.cases;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.util.Optional;

/**
 * A customer's first message as the API received it, already checked field by field; language and
 * tier are empty when the request did not name them (the customer's known ones apply then).
 */
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
    Optional<String> language,
    Optional<String> tier) {}
