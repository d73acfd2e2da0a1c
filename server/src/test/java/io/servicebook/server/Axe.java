package io.servicebook.server;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Accessibility checks with axe-core from the npm registry, run inside the page under test.
 *
 * <p>The tarball of a pinned version is downloaded once into {@code ~/.cache/servicebook} (or
 * {@code $XDG_CACHE_HOME/servicebook}), checked against the registry's sha512 integrity on every
 * use, and {@code package/axe.min.js} is evaluated in the page through Playwright, which the
 * console's Content-Security-Policy does not block (a script tag would be).
 */
final class Axe {

  static final String VERSION = "4.14.1";
  static final String INTEGRITY =
      "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
  static final URI TARBALL =
      URI.create("https://registry.npmjs.org/axe-core/-/axe-core-" + VERSION + ".tgz");

  /** The impacts a page must not have. */
  static final Set<String> BLOCKING = Set.of("serious", "critical");

  private static volatile String source;

  private Axe() {}

  /** One rule a page breaks: where ({@code targets}, CSS selectors) and how badly. */
  record Violation(String id, String impact, String help, String helpUrl, List<String> targets) {

    boolean blocking() {
      return BLOCKING.contains(impact);
    }

    @Override
    public String toString() {
      return id
          + " ("
          + impact
          + "): "
          + help
          + " — "
          + targets.stream().limit(3).collect(Collectors.joining(", "))
          + (targets.size() > 3 ? " and " + (targets.size() - 3) + " more" : "")
          + " ["
          + helpUrl
          + "]";
    }
  }

  /** Runs axe-core on the page as it is now and returns every violation, of any impact. */
  static List<Violation> violations(Page page) {
    inject(page);
    List<?> found =
        (List<?>)
            page.evaluate(
                """
                async () => {
                  const result = await axe.run(document, { resultTypes: ['violations'] });
                  return result.violations.map(v => ({
                    id: v.id,
                    impact: v.impact ?? 'unknown',
                    help: v.help,
                    helpUrl: v.helpUrl,
                    targets: v.nodes.map(n => n.target.flat().join(' >>> '))
                  }));
                }
                """);
    return found.stream().map(Map.class::cast).map(Axe::violation).toList();
  }

  /** Fails listing every serious or critical violation on the page (rule, impact, help, where). */
  static void assertNoSeriousViolations(Page page) {
    List<Violation> blocking = violations(page).stream().filter(Violation::blocking).toList();
    if (!blocking.isEmpty()) {
      fail(
          "axe-core "
              + VERSION
              + " found "
              + blocking.size()
              + " serious or critical violation(s) on "
              + page.url()
              + ":\n  "
              + blocking.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
    }
  }

  private static Violation violation(Map<?, ?> v) {
    return new Violation(
        (String) v.get("id"),
        (String) v.get("impact"),
        (String) v.get("help"),
        (String) v.get("helpUrl"),
        ((List<?>) v.get("targets")).stream().map(String::valueOf).toList());
  }

  private static void inject(Page page) {
    if (Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
      return;
    }
    // The source as a function body: evaluated by the DevTools protocol, so the page's CSP does
    // not apply, and axe's UMD wrapper puts it on window.
    page.evaluate("() => {\n" + source() + "\n}");
  }

  /** axe.min.js of the pinned version: from the cache, or downloaded and cached. */
  static String source() {
    String s = source;
    if (s == null) {
      synchronized (Axe.class) {
        if (source == null) {
          source = extract(tarball(), "package/axe.min.js");
        }
        s = source;
      }
    }
    return s;
  }

  private static byte[] tarball() {
    Path cached = cacheDirectory().resolve("axe-core-" + VERSION + ".tgz");
    try {
      if (Files.exists(cached)) {
        byte[] bytes = Files.readAllBytes(cached);
        if (INTEGRITY.equals(integrity(bytes))) {
          return bytes;
        }
        Files.delete(cached); // a broken download; fetch it again
      }
      byte[] bytes = download();
      String actual = integrity(bytes);
      if (!INTEGRITY.equals(actual)) {
        throw new IllegalStateException(
            TARBALL + " has integrity " + actual + " but the registry published " + INTEGRITY);
      }
      Files.createDirectories(cached.getParent());
      Path partial = Files.createTempFile(cached.getParent(), "axe-core-", ".part");
      Files.write(partial, bytes);
      Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] download() {
    try (HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(TARBALL).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      String why = "Cannot download axe-core from " + TARBALL + ": " + e;
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why, e);
      }
      assumeTrue(false, why + "; skipping the accessibility check");
      throw new AssertionError("unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted downloading " + TARBALL, e);
    }
  }

  private static Path cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("servicebook");
  }

  /** The npm/Subresource-Integrity form: {@code sha512-} and the Base64 digest. */
  static String integrity(byte[] bytes) {
    try {
      return "sha512-"
          + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-512", e);
    }
  }

  /** Reads one file out of a gzipped tar (ustar headers, 512-byte blocks). */
  static String extract(byte[] tgz, String name) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String entry = field(header, 345, 155);
        entry = (entry.isEmpty() ? "" : entry + "/") + field(header, 0, 100);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        if (entry.equals(name) && (header[156] == '0' || header[156] == 0)) {
          return new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
        }
        in.skipNBytes((size + 511) / 512 * 512);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the axe-core tarball", e);
    }
    throw new IllegalStateException("No " + name + " in the axe-core " + VERSION + " tarball");
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
