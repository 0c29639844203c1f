package dev.racefree.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of what makes two requests the same request: method, path and query, and body. The method
 * and URI hold no line feed, so the separators make the encoding unambiguous.
 */
final class RequestFingerprint {

  private RequestFingerprint() {}

  static byte[] of(HttpServletRequest request, byte[] body) {
    String query = request.getQueryString();
    String head =
        request.getMethod()
            + '\n'
            + request.getRequestURI()
            + (query == null ? "" : "?" + query)
            + '\n';
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(head.getBytes(StandardCharsets.UTF_8));
      sha256.update(body);
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * A form body by its parameters, sorted by name (values in the order sent): the servlet container
   * reads a form's body itself, so its bytes are not there to read twice.
   */
  static byte[] form(Map<String, String[]> parameters) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TreeMap<>(parameters)
        .forEach((name, values) -> {
          for (String value : values) {
            out.writeBytes(
                (URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + '='
                        + URLEncoder.encode(value, StandardCharsets.UTF_8)
                        + '&')
                    .getBytes(StandardCharsets.UTF_8));
          }
        });
    return out.toByteArray();
  }
}
