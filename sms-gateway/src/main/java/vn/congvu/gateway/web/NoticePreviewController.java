package vn.congvu.gateway.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.gateway.notice.NoticePreview;
import vn.congvu.gateway.notice.NoticeRequest;

/** The figures the compose form shows while the sender types (same body as a notice; nothing is stored). */
@RestController
class NoticePreviewController {

    private final NoticePreview preview;

    NoticePreviewController(NoticePreview preview) {
        this.preview = preview;
    }

    @PostMapping("/api/v1/notices/preview")
    NoticePreview.Figures preview(@RequestBody NoticeRequest request) {
        return preview.preview(request);
    }
}
