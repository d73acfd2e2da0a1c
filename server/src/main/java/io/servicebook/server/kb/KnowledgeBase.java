package io.servicebook.server.kb;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.protocol.Audience;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Fragment;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Sla;
import io.servicebook.protocol.Step;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The public protocols, written for customers. Shows a step's title only: guidance, scripts,
 * captured fields, decisions and actions are for agents and never leave the console.
 */
@Service
class KnowledgeBase {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final ProtocolCatalog catalog;
  private final MessageSource messages;

  KnowledgeBase(ProtocolCatalog catalog, MessageSource messages) {
    this.catalog = catalog;
    this.messages = messages;
  }

  /** The public protocols whose title, summary or steps contain every word of the query. */
  List<Article> search(String query, Locale locale) {
    List<String> words =
        Arrays.stream(SPACES.split(fold(query))).filter(w -> !w.isBlank()).toList();
    return publicProtocols()
        .filter(
            p -> {
              String text = fold(String.join(" ", p.title(), p.summary().orElse(""), steps(p)));
              return words.stream().allMatch(text::contains);
            })
        .sorted(Comparator.comparing(Protocol::title, String.CASE_INSENSITIVE_ORDER))
        .map(p -> article(p, locale))
        .toList();
  }

  /** A public protocol; empty for an unknown or internal one. */
  Optional<Article> find(String slug, Locale locale) {
    return publicProtocols()
        .filter(p -> p.slug().equals(slug))
        .findFirst()
        .map(p -> article(p, locale));
  }

  private java.util.stream.Stream<Protocol> publicProtocols() {
    return catalog.latestOfEach().stream()
        .filter(p -> p.audience().equals("public"))
        .map(catalog::model)
        .filter(p -> p.audience() == Audience.PUBLIC);
  }

  private String steps(Protocol protocol) {
    return String.join(" ", stepTitles(protocol));
  }

  private Article article(Protocol protocol, Locale locale) {
    Optional<Sla> sla = protocol.sla();
    Optional<BusinessCalendar> calendar = sla.flatMap(Sla::calendar).flatMap(catalog::calendar);
    String hours = calendar.map(c -> hours(c, locale)).orElse("");
    List<String> promises = new ArrayList<>();
    sla.map(Sla::targets)
        .ifPresent(
            t -> {
              t.firstResponse()
                  .ifPresent(d -> promises.add(promise("first", d, calendar, hours, locale)));
              t.nextResponse()
                  .ifPresent(d -> promises.add(promise("next", d, calendar, hours, locale)));
              t.resolution()
                  .ifPresent(d -> promises.add(promise("resolution", d, calendar, hours, locale)));
            });
    String visitor = locale.getLanguage();
    return new Article(
        protocol.slug(),
        protocol.title(),
        protocol.summary().orElse(""),
        protocol.defaultLanguage(),
        stepTitles(protocol).stream().map(KnowledgeBase::sentence).toList(),
        promises,
        hours,
        protocol.channels().stream().map(Channel::key).toList(),
        protocol.languages().stream()
            .map(l -> Locale.forLanguageTag(l).getDisplayLanguage(locale))
            .map(n -> n.isEmpty() ? n : n.substring(0, 1).toUpperCase(locale) + n.substring(1))
            .toList(),
        !visitor.equals(protocol.defaultLanguage())
            && protocol.languages().stream()
                .anyMatch(l -> l.equals(visitor) || l.startsWith(visitor + "-")),
        protocol.defaultLanguage().equals(visitor)
            ? ""
            : Locale.forLanguageTag(protocol.defaultLanguage()).getDisplayLanguage(locale));
  }

  /**
   * The titles of the steps in the order written; an included step without one takes its
   * fragment's.
   */
  private List<String> stepTitles(Protocol protocol) {
    Map<String, Fragment> fragments = catalog.fragments();
    List<String> titles = new ArrayList<>();
    for (Step step : protocol.steps()) {
      step.title()
          .or(() -> step.include().map(fragments::get).flatMap(Fragment::title))
          .filter(t -> !t.isBlank())
          .ifPresent(titles::add);
    }
    return titles;
  }

  private String promise(
      String kind,
      Duration target,
      Optional<BusinessCalendar> calendar,
      String hours,
      Locale locale) {
    boolean business = calendar.isPresent() && !calendar.get().isAlwaysOpen();
    String within = duration(target, business, locale);
    String when = calendar.isEmpty() ? within : message("kb.promise.on", locale, within, hours);
    return message("kb.promise." + kind, locale, when);
  }

  /** A target in words: whole days, hours or minutes; hours on a business calendar say so. */
  static String durationKey(Duration target, boolean business) {
    if (!business && target.toMinutes() % 1440 == 0) {
      return "kb.duration.days";
    }
    if (target.toMinutes() % 60 == 0) {
      return business ? "kb.duration.businessHours" : "kb.duration.hours";
    }
    return "kb.duration.minutes";
  }

  private String duration(Duration target, boolean business, Locale locale) {
    String key = durationKey(target, business);
    long amount =
        switch (key) {
          case "kb.duration.days" -> target.toDays();
          case "kb.duration.minutes" -> target.toMinutes();
          default -> target.toHours();
        };
    return message(key, locale, amount);
  }

  /**
   * Opening hours such as "Mon–Fri 09:00–17:30, Berlin time": consecutive days with the same first
   * opening and last closing together; around the clock for an always-open calendar.
   */
  String hours(BusinessCalendar calendar, Locale locale) {
    if (calendar.isAlwaysOpen()) {
      return message("kb.hours.always", locale);
    }
    List<String> spans = new ArrayList<>();
    DayOfWeek[] days = DayOfWeek.values();
    int i = 0;
    while (i < days.length) {
      String day = span(calendar.hours().get(days[i]));
      if (day.isEmpty()) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < days.length && span(calendar.hours().get(days[j + 1])).equals(day)) {
        j++;
      }
      String first = days[i].getDisplayName(TextStyle.SHORT, locale);
      String range = j == i ? first : first + "–" + days[j].getDisplayName(TextStyle.SHORT, locale);
      spans.add(range + " " + day);
      i = j + 1;
    }
    String id = calendar.zone().getId();
    String city = id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
    return message("kb.hours.in", locale, String.join(", ", spans), city);
  }

  private static String span(List<BusinessCalendar.Interval> intervals) {
    if (intervals.isEmpty()) {
      return "";
    }
    int start = intervals.stream().mapToInt(BusinessCalendar.Interval::startMinute).min().orElse(0);
    int end = intervals.stream().mapToInt(BusinessCalendar.Interval::endMinute).max().orElse(0);
    return String.format(
        Locale.ROOT, "%02d:%02d–%02d:%02d", start / 60, start % 60, end / 60, end % 60);
  }

  private String message(String key, Locale locale, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  /** A title as a sentence: ends with a full stop unless it already ends with punctuation. */
  static String sentence(String title) {
    String t = title.strip();
    return t.isEmpty() || ".!?".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
  }

  /** Lower case without accents, so "Rückerstattung" is found by "ruckerstattung". */
  static String fold(String text) {
    return MARKS
        .matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD))
        .replaceAll("")
        .toLowerCase(Locale.ROOT);
  }
}
