package io.servicebook.pack;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.CalendarReader;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Fragment;
import io.servicebook.protocol.FragmentReader;
import io.servicebook.protocol.PackContext;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.ProtocolReader;
import io.servicebook.protocol.Step;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads protocol packs from the paths it is given: a folder is a pack (protocols anywhere below it,
 * calendars in {@code calendars/}, fragments in {@code fragments/}); a single protocol file is read
 * with the calendars and fragments of the folder it is in.
 */
public final class PackReader {

  static final String CALENDARS = "calendars";
  static final String FRAGMENTS = "fragments";

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int files;
  private final Set<String> neighbourSlugs = new java.util.HashSet<>();

  private PackReader() {}

  /** Reads every path; a missing path or unreadable file is a diagnostic, not an exception. */
  public static ProtocolPack read(List<Path> paths) {
    return new PackReader().readAll(paths);
  }

  /**
   * Reads the paths, counting {@code otherProtocols} (say, those already published) as existing for
   * handoffs, so that part of a pack can be imported on its own.
   */
  public static ProtocolPack read(List<Path> paths, Set<String> otherProtocols) {
    PackReader reader = new PackReader();
    reader.neighbourSlugs.addAll(otherProtocols);
    return reader.readAll(paths);
  }

  /** Reads in-memory sources (name → text), for tests and the editor: same rules as on disk. */
  public static ProtocolPack fromSources(
      Map<String, String> protocols, Map<String, String> calendars, Map<String, String> fragments) {
    return fromSources(protocols, calendars, fragments, Set.of());
  }

  /**
   * Reads in-memory sources, counting {@code otherProtocols} (those already published) as existing
   * for handoffs: the editor checks one protocol against the published rest.
   */
  public static ProtocolPack fromSources(
      Map<String, String> protocols,
      Map<String, String> calendars,
      Map<String, String> fragments,
      Set<String> otherProtocols) {
    PackReader reader = new PackReader();
    reader.neighbourSlugs.addAll(otherProtocols);
    PackContext context = reader.context(calendars, fragments);
    List<Source> sources = new ArrayList<>();
    protocols.forEach((file, text) -> sources.add(new Source(file, text)));
    return reader.finish(reader.protocols(sources, context), context);
  }

  private ProtocolPack readAll(List<Path> paths) {
    List<Protocol> protocols = new ArrayList<>();
    Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    Map<String, Fragment> fragments = new LinkedHashMap<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        diagnostics.add(
            FormatRules.YAML_SYNTAX.at(
                path.toString(),
                Position.START,
                "There is no file or folder `" + path + "`.",
                "Check the path."));
        continue;
      }
      Path folder = Files.isDirectory(path) ? path : packFolderOf(path);
      PackContext context =
          context(yamlFiles(folder.resolve(CALENDARS)), yamlFiles(folder.resolve(FRAGMENTS)));
      calendars.putAll(context.calendars());
      fragments.putAll(context.fragments());
      List<Path> protocolFiles =
          Files.isDirectory(path)
              ? protocolFiles(path)
              : isPackPart(path) ? List.of() : List.of(path);
      if (!Files.isDirectory(path) && !isPackPart(path)) {
        rememberNeighbours(folder, path);
      }
      List<Source> sources = new ArrayList<>();
      for (Path file : protocolFiles) {
        text(file).ifPresent(text -> sources.add(new Source(file.toString(), text)));
      }
      protocols.addAll(protocols(sources, context));
    }
    return finish(protocols, new PackContext(calendars, fragments));
  }

  private static Path packFolderOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && isPackPart(file) && parent.getParent() != null) {
      return parent.getParent();
    }
    return parent == null ? Path.of(".") : parent;
  }

  private static boolean isPackPart(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || parent.getFileName() == null) {
      return false;
    }
    String name = parent.getFileName().toString();
    return name.equals(CALENDARS) || name.equals(FRAGMENTS);
  }

  private PackContext context(List<Path> calendarFiles, List<Path> fragmentFiles) {
    Map<String, String> calendars = new LinkedHashMap<>();
    calendarFiles.forEach(f -> text(f).ifPresent(t -> calendars.put(f.toString(), t)));
    Map<String, String> fragments = new LinkedHashMap<>();
    fragmentFiles.forEach(f -> text(f).ifPresent(t -> fragments.put(f.toString(), t)));
    return context(calendars, fragments);
  }

  private PackContext context(
      Map<String, String> calendarSources, Map<String, String> fragmentSources) {
    Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    calendarSources.forEach(
        (file, text) -> {
          files++;
          CalendarReader.Result result = CalendarReader.read(file, text);
          diagnostics.addAll(result.diagnostics());
          result
              .calendar()
              .ifPresent(
                  c -> {
                    if (calendars.containsKey(c.name())) {
                      diagnostics.add(
                          FormatRules.DUPLICATE_NAME.at(
                              file,
                              Position.START,
                              "Calendar `"
                                  + c.name()
                                  + "` is also defined in "
                                  + calendars.get(c.name()).file()
                                  + "."));
                    } else {
                      calendars.put(c.name(), c);
                    }
                  });
        });
    Set<String> fragmentNames = new TreeSet<>();
    fragmentSources.values().forEach(text -> fragmentName(text).ifPresent(fragmentNames::add));
    Map<String, Fragment> fragments = new LinkedHashMap<>();
    fragmentSources.forEach(
        (file, text) -> {
          files++;
          FragmentReader.Result result = FragmentReader.read(file, text, fragmentNames);
          diagnostics.addAll(result.diagnostics());
          result
              .fragment()
              .ifPresent(
                  f -> {
                    if (fragments.containsKey(f.name())) {
                      diagnostics.add(
                          FormatRules.DUPLICATE_NAME.at(
                              file,
                              f.position(),
                              "Fragment `"
                                  + f.name()
                                  + "` is also defined in "
                                  + fragments.get(f.name()).file()
                                  + "."));
                    } else {
                      fragments.put(f.name(), f);
                    }
                  });
        });
    return new PackContext(calendars, fragments);
  }

  /** The name a fragment file declares, read leniently so fragments can include each other. */
  private static Optional<String> fragmentName(String text) {
    return declaredName(text, "fragment:");
  }

  private static Optional<String> declaredName(String text, String key) {
    return text.lines()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).trim().replaceAll("^[\"']|[\"']$", ""))
        .filter(s -> !s.isEmpty())
        .findFirst();
  }

  /**
   * When one file of a pack is checked alone, the other protocols of its folder still exist: a
   * handoff to one of them is fine. Their ids are read leniently, without checking the files.
   */
  private void rememberNeighbours(Path folder, Path file) {
    for (Path neighbour : protocolFiles(folder)) {
      if (!neighbour.toAbsolutePath().equals(file.toAbsolutePath())) {
        try {
          declaredName(Files.readString(neighbour), "protocol:").ifPresent(neighbourSlugs::add);
        } catch (IOException | java.io.UncheckedIOException e) {
          // an unreadable neighbour is reported when it is checked itself
        }
      }
    }
  }

  /** A protocol file's name and text. */
  private record Source(String file, String text) {}

  /** Reads protocol files on all cores; results keep the order of the files. */
  private List<Protocol> protocols(List<Source> sources, PackContext context) {
    ProtocolReader reader = ProtocolReader.of(context);
    List<ProtocolReader.Result> results =
        sources.parallelStream().map(s -> reader.read(s.file(), s.text())).toList();
    List<Protocol> protocols = new ArrayList<>();
    for (ProtocolReader.Result result : results) {
      files++;
      diagnostics.addAll(result.diagnostics());
      result.protocol().ifPresent(protocols::add);
    }
    return protocols;
  }

  private ProtocolPack finish(List<Protocol> protocols, PackContext context) {
    Map<String, Protocol> bySlug = new LinkedHashMap<>();
    List<Protocol> unique = new ArrayList<>();
    for (Protocol p : protocols) {
      Protocol first = bySlug.putIfAbsent(p.slug(), p);
      if (first != null) {
        diagnostics.add(
            FormatRules.DUPLICATE_NAME.at(
                p.file(),
                p.positionOf("protocol"),
                "Protocol `" + p.slug() + "` is also defined in " + first.file() + "."));
      } else {
        unique.add(p);
      }
    }
    Set<String> known = new java.util.HashSet<>(bySlug.keySet());
    known.addAll(neighbourSlugs);
    unique.forEach(p -> checkHandoffs(p, known));
    return new ProtocolPack(unique, context.calendars(), context.fragments(), diagnostics, files);
  }

  private void checkHandoffs(Protocol protocol, Set<String> slugs) {
    for (Step step : protocol.steps()) {
      for (Action action : step.actions()) {
        if (action instanceof Action.Handoff handoff && !slugs.contains(handoff.protocol())) {
          diagnostics.add(
              FormatRules.UNKNOWN_PROTOCOL.at(
                  protocol.file(),
                  handoff.position(),
                  "Step `"
                      + step.id()
                      + "` hands off to `"
                      + handoff.protocol()
                      + "`, which is not a protocol of this pack."
                      + io.servicebook.document.Suggestions.closest(handoff.protocol(), slugs)
                          .map(s -> " Did you mean `" + s + "`?")
                          .orElse("")));
        }
      }
    }
  }

  private static List<Path> yamlFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(PackReader::isYaml).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<Path> protocolFiles(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(PackReader::isYaml)
          .filter(p -> !isPackPart(p))
          .filter(p -> !isHidden(folder.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      diagnostics.add(
          FormatRules.YAML_SYNTAX.at(
              folder.toString(),
              Position.START,
              "The folder cannot be read: " + e.getMessage(),
              "Check the folder's permissions."));
      return List.of();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private Optional<String> text(Path file) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString());
    } catch (CharacterCodingException e) {
      diagnostics.add(
          FormatRules.YAML_SYNTAX.at(
              file.toString(),
              Position.START,
              "The file is not UTF-8 text.",
              "Save the file as UTF-8."));
    } catch (IOException e) {
      diagnostics.add(
          FormatRules.YAML_SYNTAX.at(
              file.toString(),
              Position.START,
              "The file cannot be read: " + e.getMessage(),
              "Check that it exists and is readable."));
    }
    return Optional.empty();
  }
}
