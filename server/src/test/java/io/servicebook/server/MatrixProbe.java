package io.servicebook.server;

import io.servicebook.server.AuthorizationMatrix.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The placeholder requests of the authorization matrix: for an API operation from its OpenAPI
 * description, for a console route from its handler method — ids that exist nowhere (so nothing
 * real is changed or deleted), required parameters filled, a body that binds — and the check that
 * each call reached its handler's role check rather than being refused earlier for its input.
 */
final class MatrixProbe {

  /** A number no id has: calls with it find nothing, so they change nothing. */
  static final String NO_ID = "987654321";

  /** A text placeholder for path variables and parameters. */
  static final String TEXT = "matrix-x";

  /** Set by {@link Unreached} on an answer the framework gave before calling the handler. */
  static final String UNREACHED = "X-Matrix-Unreached";

  private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");
  private static final String BOUNDARY = "matrix-boundary-7f3a";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MatrixProbe() {}

  /** A request to send: method, path with query, and an optional body with its media type. */
  record Sample(String method, String uri, String contentType, byte[] body) {

    HttpRequest.Builder request(String base) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + uri));
      if (body == null) {
        return builder.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return builder
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
  }

  /** An API operation's request, from its OpenAPI operation object. */
  static Sample api(
      Operation operation, JsonNode description, JsonNode document, List<String> consumes) {
    Map<String, String> path = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    for (JsonNode parameter : description.path("parameters")) {
      JsonNode p = resolve(parameter, document);
      String value = scalar(resolve(p.path("schema"), document), true);
      switch (p.path("in").asString()) {
        case "path" -> path.put(p.path("name").asString(), value);
        case "query" -> {
          if (p.path("required").asBoolean(false)) {
            query.put(p.path("name").asString(), value);
          }
        }
        default -> {}
      }
    }
    String uri = fill(operation.path(), name -> path.getOrDefault(name, TEXT)) + query(query);
    JsonNode content = resolve(description.path("requestBody"), document).path("content");
    if ((content.isMissingNode() || content.isEmpty()) && !consumes.isEmpty()) {
      // a body the document does not describe (a stream): empty, of the type the handler takes
      return new Sample(operation.method(), uri, consumes.get(0), new byte[0]);
    }
    if (content.isMissingNode() || content.isEmpty()) {
      return new Sample(operation.method(), uri, null, null);
    }
    String mediaType = content.propertyNames().iterator().next();
    JsonNode schema = resolve(content.path(mediaType).path("schema"), document);
    if (mediaType.startsWith("multipart/")) {
      Map<String, Boolean> fields = new LinkedHashMap<>();
      schema
          .path("properties")
          .properties()
          .forEach(
              f -> {
                JsonNode s = resolve(f.getValue(), document);
                fields.put(
                    f.getKey(),
                    "binary".equals(s.path("format").asString())
                        || "binary".equals(s.path("items").path("format").asString()));
              });
      return multipart(operation.method(), uri, fields);
    }
    if (mediaType.contains("json")) {
      return new Sample(
          operation.method(),
          uri,
          mediaType.equals("*/*") ? "application/json" : mediaType,
          RunningServer.JSON.writeValueAsBytes(value(schema, document, 0)));
    }
    return new Sample(operation.method(), uri, mediaType, new byte[0]);
  }

  /** A console route's request, from its handler method's parameters. */
  static Sample console(Operation operation, Optional<HandlerMethod> handler) {
    String method = operation.method().equals("ANY") ? "GET" : operation.method();
    Map<String, Boolean> fields = new LinkedHashMap<>();
    Map<String, Class<?>> variables = new LinkedHashMap<>();
    boolean multipart = false;
    boolean json = false;
    MethodParameter[] parameters =
        handler.map(HandlerMethod::getMethodParameters).orElse(new MethodParameter[0]);
    for (MethodParameter p : parameters) {
      PathVariable variable = p.getParameterAnnotation(PathVariable.class);
      if (variable != null) {
        variables.put(name(variable.name(), p), p.getParameterType());
      }
      boolean file =
          MultipartFile.class.isAssignableFrom(p.getParameterType())
              || p.getGenericParameterType().getTypeName().contains(MultipartFile.class.getName());
      multipart |= file;
      json |= p.hasParameterAnnotation(RequestBody.class);
      RequestParam param = p.getParameterAnnotation(RequestParam.class);
      if (param != null && (file || required(param, p))) {
        fields.put(name(param.name(), p), file);
      }
    }
    String uri =
        fill(operation.path(), name -> number(variables.get(name)) ? NO_ID : TEXT)
            .replace("**", TEXT);
    if (multipart) {
      return multipart(method, uri, fields);
    }
    if (json) {
      // a route outside /api that takes JSON (the chat widget's API): an empty object binds
      return new Sample(method, uri, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    }
    if (method.equals("GET")) {
      Map<String, String> query = new LinkedHashMap<>();
      fields.keySet().forEach(f -> query.put(f, TEXT));
      return new Sample(method, uri + query(query), null, null);
    }
    String form =
        fields.keySet().stream()
            .map(f -> encode(f) + "=" + encode(TEXT))
            .collect(Collectors.joining("&"));
    return new Sample(
        method, uri, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Marks, in a response header, an exception the framework met before calling the handler method
   * (a parameter or body that does not bind): such a call never reached the handler's own role
   * check ({@code @PreAuthorize}), so its answer says nothing about authorization.
   */
  static final class Unreached implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(
        HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
      if (ex instanceof ServletRequestBindingException
          || ex instanceof TypeMismatchException
          || ex instanceof HttpMessageNotReadableException
          || ex instanceof HttpMediaTypeException
          || ex instanceof MissingServletRequestPartException
          || ex instanceof BindException
          || ex instanceof HandlerMethodValidationException
          || ex instanceof MultipartException) {
        response.setHeader(UNREACHED, ex.getClass().getSimpleName());
      }
      return null;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** Registers {@link Unreached} in the server being started. */
  static ApplicationContextInitializer<GenericApplicationContext> initializer() {
    return context ->
        ((BeanDefinitionRegistry) context)
            .registerBeanDefinition(
                "matrixUnreached",
                BeanDefinitionBuilder.genericBeanDefinition(Unreached.class, Unreached::new)
                    .getBeanDefinition());
  }

  /** The path template with its variables replaced, {@code {id}} and {@code {*rest}} alike. */
  static String fill(String template, java.util.function.Function<String, String> value) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value.apply(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }

  /** The template as the OpenAPI document writes it: {@code {id:\d+}} as {@code {id}}. */
  static String plain(String template) {
    return VARIABLE
        .matcher(template)
        .replaceAll(m -> Matcher.quoteReplacement("{" + m.group(1) + "}"));
  }

  private static JsonNode value(JsonNode schema, JsonNode document, int depth) {
    if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
      JsonNode first =
          schema.has("allOf")
              ? schema.get("allOf").get(0)
              : schema.has("oneOf") ? schema.get("oneOf").get(0) : schema.get("anyOf").get(0);
      return value(resolve(first, document), document, depth);
    }
    String type = schema.path("type").asString("object");
    return switch (type) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        if (depth < 4) {
          schema
              .path("properties")
              .properties()
              .forEach(
                  p ->
                      object.set(
                          p.getKey(), value(resolve(p.getValue(), document), document, depth + 1)));
        }
        yield object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        yield array;
      }
      case "integer", "number" -> NODES.numberNode(1);
      case "boolean" -> NODES.booleanNode(false);
      default -> NODES.stringNode(scalar(schema, false));
    };
  }

  private static String scalar(JsonNode schema, boolean id) {
    if (schema.has("enum")) {
      return schema.get("enum").get(0).asString();
    }
    return switch (schema.path("type").asString("string")) {
      case "integer", "number" -> id ? NO_ID : "1";
      case "boolean" -> "false";
      default ->
          switch (schema.path("format").asString("")) {
            case "date-time" -> "2026-01-05T09:00:00Z";
            case "date" -> "2026-01-05";
            default -> TEXT;
          };
    };
  }

  private static JsonNode resolve(JsonNode node, JsonNode document) {
    JsonNode at = node;
    for (int i = 0; i < 10 && at.has("$ref"); i++) {
      at = document.at(at.get("$ref").asString().substring(1));
    }
    return at;
  }

  private static Sample multipart(String method, String uri, Map<String, Boolean> fields) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach(
        (name, file) -> {
          String head =
              "--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\""
                  + name
                  + "\""
                  + (file
                      ? "; filename=\"matrix.yaml\"\r\nContent-Type: application/octet-stream"
                      : "")
                  + "\r\n\r\n"
                  + (file ? "" : TEXT)
                  + "\r\n";
          body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        });
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Sample(method, uri, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
  }

  private static boolean required(RequestParam param, MethodParameter p) {
    return param.required()
        && param.defaultValue().equals(ValueConstants.DEFAULT_NONE)
        && p.getParameterType() != Optional.class
        && !Map.class.isAssignableFrom(p.getParameterType());
  }

  private static boolean number(Class<?> type) {
    return type != null
        && (Number.class.isAssignableFrom(type)
            || type == long.class
            || type == int.class
            || type == short.class);
  }

  private static String name(String given, MethodParameter p) {
    return given.isEmpty() ? p.getParameterName() : given;
  }

  private static String query(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    parameters.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
    return "?" + String.join("&", pairs);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
