package vn.congvu.console.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enrolment's QR code, read back by a QR reader from the SVG the page carries. */
class QrCodeSvgTest {
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final int SCALE = 4;

    @Test
    void aReaderScansTheOtpauthAddressFromTheSvg() throws Exception {
        String uri = "otpauth://totp/CongVu:nguy%E1%BB%85n.an%40example.gov.vn?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                + "&issuer=CongVu&algorithm=SHA1&digits=6&period=30";
        String svg = QrCodeSvg.of(uri, "Mã QR");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && !svg.contains("<script"), svg);
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find());
        int width = Integer.parseInt(box.group(1));
        int height = Integer.parseInt(box.group(2));
        int[] pixels = new int[width * SCALE * height * SCALE];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher module = MODULE.matcher(svg);
        int dark = 0;
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * width * SCALE + x * SCALE + dx] = 0xFF000000;
                }
            }
            dark++;
        }
        assertTrue(dark > 100, "modules drawn: " + dark);
        BinaryBitmap image = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width * SCALE, height * SCALE, pixels)));
        assertEquals(uri, new QRCodeReader().decode(image).getText());
    }
}
