package vn.congvu.gateway.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.gateway.recipients.DirectoryIndex;

/** Search as you type for the compose form: groups, units and officials, with or without diacritics. */
@RestController
class DirectorySearchController {

    private static final int MAX_HITS = 20;

    private final DirectoryIndex index;

    DirectorySearchController(DirectoryIndex index) {
        this.index = index;
    }

    @GetMapping("/api/v1/directory/search")
    DirectoryIndex.Result search(@RequestParam(name = "q", defaultValue = "") String q) {
        return index.search(q, MAX_HITS);
    }
}
