package io.servicebook.server.backup;

import io.servicebook.server.web.Problems;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/backups}: an online backup of the embedded database into the server's data
 * directory, for admins ({@code servicebook backup --server} asks for one).
 */
@RestController
class BackupController {

  private final Backups backups;

  BackupController(Backups backups) {
    this.backups = backups;
  }

  @PostMapping("/api/v1/backups")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<?> make(Authentication who) throws IOException {
    return backups
        .make(who.getName())
        .<ResponseEntity<?>>map(
            made -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("file", made.file().toString());
              body.put("bytes", made.bytes());
              return ResponseEntity.status(HttpStatus.CREATED).body(body);
            })
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(
                        Problems.of(
                            HttpStatus.CONFLICT,
                            "backup-by-database",
                            "Backed up by the database's own tools",
                            "This server stores its data in PostgreSQL; back it up with pg_dump"
                                + " (see docs/operations.md), not through Servicebook.")));
  }
}
