package vn.congvu.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The console's pages: server-rendered HTML in Vietnamese, one column that fits a phone, a little CSS inline and
 * nothing fetched from elsewhere. Every value from the directory or the request goes through {@link #text}.
 */
public final class Page {

    private static final String STYLE = """
            *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            color:#1b1b1b;background:#f4f5f7}header{background:#a50e0e;color:#fff;padding:.75rem 1rem}\
            header a{color:#fff}main{max-width:36rem;margin:0 auto;padding:1rem}\
            section{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}\
            h1{font-size:1.25rem;margin:0}h2{font-size:1.1rem;margin:0 0 .5rem}\
            label{display:block;margin:.75rem 0 .25rem;font-weight:600}\
            input{width:100%;padding:.6rem;font-size:1rem;border:1px solid #999;border-radius:.35rem}\
            button{margin-top:1rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:.35rem;\
            background:#a50e0e;color:#fff}.error{background:#fde8e8;border-left:4px solid #a50e0e;padding:.5rem .75rem}\
            .note{background:#e8f4fd;border-left:4px solid #1565c0;padding:.5rem .75rem}\
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}dt{font-weight:600}\
            dd{margin:0;overflow-wrap:anywhere}ul{padding-left:1.25rem}form.inline{display:inline}\
            form.inline button{width:auto;margin:0;padding:.2rem .6rem;background:#fff;color:#a50e0e}""";

    private Page() {
    }

    /** A whole page; {@code signedIn} adds the sign-out button to the header. */
    public static ResponseEntity<String> of(String title, String body, HttpServletRequest request, boolean signedIn) {
        return of(200, title, body, request, signedIn);
    }

    public static ResponseEntity<String> of(int status, String title, String body, HttpServletRequest request,
                                            boolean signedIn) {
        String signOut = signedIn ? "<form class=\"inline\" method=\"post\" action=\"/logout\">" + csrf(request)
                + "<button type=\"submit\">Đăng xuất</button></form>" : "";
        String html = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(title) + " · Thư công vụ</title><style>" + STYLE + "</style></head><body>"
                + "<header><h1>Thư công vụ " + signOut + "</h1></header><main>" + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(html);
    }

    /** The hidden CSRF field every form carries. */
    public static String csrf(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : "<input type=\"hidden\" name=\"" + text(token.getParameterName())
                + "\" value=\"" + text(token.getToken()) + "\">";
    }

    /** Text or an attribute value, escaped; null is empty. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Sentences as a list in an error box; empty when there are none. */
    public static String problems(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<div class=\"error\" role=\"alert\"><ul>");
        problems.forEach(p -> b.append("<li>").append(text(p)).append("</li>"));
        return b.append("</ul></div>").toString();
    }
}
