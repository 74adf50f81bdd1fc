package vn.congvu.mail.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import vn.congvu.mail.signature.DkimRecordCommand;

/**
 * What {@code ./congvu dkim} prints for a mail server's data directory: the same main class in a child JVM with the
 * launcher's environment (CONGVU_HOME, the configuration, CONGVU_DOMAIN).
 */
public final class PublishedRecord {

    private PublishedRecord() {
    }

    public static String of(MailServerProcess server) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
            DkimRecordCommand.class.getName()));
        Map<String, String> environment = builder.environment();
        environment.put("CLASSPATH", classpath);
        environment.put("CONGVU_HOME", server.home.toString());
        environment.put("CONGVU_MAIL_CONF", MailServerProcess.configDirectory().toString());
        environment.put("CONGVU_DOMAIN", MailServerProcess.DOMAIN);
        Process command = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!command.waitFor(60, TimeUnit.SECONDS) || command.exitValue() != 0) {
            throw new IllegalStateException("./congvu dkim failed: " + output);
        }
        return output;
    }
}
