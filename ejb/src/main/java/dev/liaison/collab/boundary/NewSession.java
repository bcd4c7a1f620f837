package dev.liaison.collab.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A session requested over REST by a service or a user: the caller organises it. Participants
 * are usernames or e-mail addresses of registered users; {@code informed} are addresses that get
 * a notice only. Without {@code start} it starts now; without {@code end}, it lasts
 * {@code durationMinutes} (default: the configured default duration).
 */
public record NewSession(String type, String title, Instant start, Instant end, Integer durationMinutes,
                         List<String> participants, List<String> informed) {
}
