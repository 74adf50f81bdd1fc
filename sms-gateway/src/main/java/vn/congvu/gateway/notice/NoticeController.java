package vn.congvu.gateway.notice;

import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notices API: send an SMS notice, then follow it per recipient. The console's notices page and its public
 * API reach it through the console, which forwards them here.
 */
@RestController
@RequestMapping("/api/v1/notices")
public class NoticeController {

    private final NoticeService notices;

    public NoticeController(NoticeService notices) {
        this.notices = notices;
    }

    /** 202 once the notice is stored: sending goes on in the background and survives restarts. */
    @PostMapping
    public ResponseEntity<NoticeAccepted> send(@RequestBody NoticeRequest request, Principal sender) {
        NoticeAccepted accepted = notices.accept(sender.getName(), request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/notices/" + accepted.id())).body(accepted);
    }

    @GetMapping("/{id}")
    public ResponseEntity<NoticeStatus> status(@PathVariable("id") long id) {
        return ResponseEntity.of(notices.status(id));
    }
}
