package vn.congvu.gateway.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.gateway.notice.NoticeHistory;

/** Notices and directive alerts, newest first, with their delivery counts; details per recipient are at /{id}. */
@RestController
class NoticeHistoryController {

    private final NoticeHistory history;

    NoticeHistoryController(NoticeHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/notices")
    NoticeHistory.Page list(@RequestParam(name = "page", defaultValue = "0") int page,
                            @RequestParam(name = "size", defaultValue = "20") int size) {
        return history.page(page, size);
    }
}
