package io.servicebook.server.protocols;

import io.servicebook.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.springframework.stereotype.Component;

/**
 * Imports an uploaded pack: a zip of the pack folder, or loose protocol files that are read with
 * the calendars and fragments already stored. Findings name the files as they were uploaded.
 */
@Component
public class PackUploads {

  private static final long MAX_UNPACKED = 50L * 1024 * 1024;

  private final ProtocolCatalog catalog;
  private final ProtocolRepository repository;

  PackUploads(ProtocolCatalog catalog, ProtocolRepository repository) {
    this.catalog = catalog;
    this.repository = repository;
  }

  /** What an upload did. */
  public sealed interface Upload {
    /**
     * Imported: the new versions as {@code slug@version}, how many were unchanged, and the actions
     * naming nobody the server knows (files named as uploaded).
     */
    record Imported(List<String> published, int unchanged, List<Diagnostic> warnings)
        implements Upload {}

    /** The pack has errors, with files named as uploaded; nothing was imported. */
    record Rejected(List<Diagnostic> errors) implements Upload {}

    /** The upload itself could not be read (not a zip, too large, a path outside the pack). */
    record Unreadable(String problem) implements Upload {}
  }

  /** Imports a zip of a pack folder. */
  public Upload zip(InputStream zip, String actor) {
    return inFolder(
        folder -> {
          try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            long total = 0;
            int entries = 0;
            while ((entry = in.getNextEntry()) != null) {
              entries++;
              Path target = folder.resolve(entry.getName()).normalize();
              if (!target.startsWith(folder)) {
                return "the zip entry `" + entry.getName() + "` points outside the pack";
              }
              if (entry.isDirectory()) {
                Files.createDirectories(target);
                continue;
              }
              Files.createDirectories(target.getParent());
              total += Files.copy(in, target);
              if (total > MAX_UNPACKED) {
                return "the pack is larger than 50 MB unpacked";
              }
            }
            return entries == 0 ? "the upload is not a zip file, or an empty one" : null;
          } catch (ZipException e) {
            return "the upload is not a readable zip file: " + e.getMessage();
          }
        },
        actor);
  }

  /**
   * Imports loose files (name → content): {@code .yaml}/{@code .yml} protocols, read with the
   * stored calendars and fragments so that their references resolve.
   */
  public Upload files(Map<String, byte[]> files, String actor) {
    return inFolder(
        folder -> {
          for (var d : repository.documents()) {
            Path target =
                folder
                    .resolve(d.kind().equals("calendar") ? "calendars" : "fragments")
                    .resolve(d.name() + ".yaml");
            Files.createDirectories(target.getParent());
            Files.writeString(target, d.source());
          }
          long total = 0;
          for (var file : files.entrySet()) {
            String name = Path.of(file.getKey()).getFileName().toString();
            if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
              return "`"
                  + name
                  + "` is not a protocol file: upload .yaml files or a .zip of a pack";
            }
            total += file.getValue().length;
            if (total > MAX_UNPACKED) {
              return "the files are larger than 50 MB together";
            }
            Files.write(folder.resolve(name), file.getValue());
          }
          return files.isEmpty() ? "choose at least one file" : null;
        },
        actor);
  }

  /** Writes the upload into a fresh folder; a non-null answer says why it cannot be read. */
  private interface Unpack {
    String into(Path folder) throws IOException;
  }

  private Upload inFolder(Unpack unpack, String actor) {
    Path folder;
    try {
      folder = Files.createTempDirectory("servicebook-import");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the upload", e);
    }
    try {
      String problem = unpack.into(folder);
      if (problem != null) {
        return new Upload.Unreadable(problem);
      }
      return switch (catalog.importPack(List.of(folder), actor)) {
        case ProtocolCatalog.ImportResult.Imported imported ->
            new Upload.Imported(
                imported.published(), imported.unchanged(), relative(folder, imported.warnings()));
        case ProtocolCatalog.ImportResult.Rejected rejected ->
            new Upload.Rejected(relative(folder, rejected.errors()));
      };
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack the upload into " + folder, e);
    } finally {
      delete(folder);
    }
  }

  private static List<Diagnostic> relative(Path folder, List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                new Diagnostic(
                    relative(folder, d.file()),
                    d.position(),
                    d.severity(),
                    d.rule(),
                    d.message(),
                    d.hint()))
        .toList();
  }

  private static String relative(Path folder, String file) {
    Path path = Path.of(file);
    return path.startsWith(folder) ? folder.relativize(path).toString() : file;
  }

  private static void delete(Path folder) {
    try (var walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a left-over temporary folder is harmless; the import's outcome stands
    }
  }
}
