package org.entente.backoffice.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.intake.ImportKind;
import org.entente.intake.ImportStatus;
import org.entente.intake.Imports;
import org.entente.platform.CursorPage;
import org.entente.platform.ProblemException;
import org.entente.platform.StaffRole;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * CSV imports from the back office: upload a file, watch its progress (htmx asks for the progress every second
 * until the import ends) and download the rows it refused, as CSV. For administrators and marketers, who manage
 * the brand's data.
 */
@Controller
class ImportPages {

    static final int RECENT = 10;
    /** Rejected rows read per query while writing the download. */
    private static final int DOWNLOAD_PAGE = 1_000;

    private final Imports imports;
    private final MessageSource messages;

    ImportPages(Imports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/imports")
    String imports(Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        return form(model, null, "customers");
    }

    @PostMapping("/imports")
    String start(@RequestParam(required = false) String kind, @RequestParam(required = false) MultipartFile file,
                 Authentication staff, Model model, HttpServletResponse response) throws IOException {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        ImportKind parsed = kind == null ? null : ImportKind.fromCode(kind).orElse(null);
        String error = parsed == null ? "bo.imports.error.kind"
                : file == null || file.isEmpty() ? "bo.imports.error.empty" : null;
        if (error != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, error, kind);
        }
        ImportStatus started;
        try (InputStream csv = file.getInputStream()) {
            started = imports.start(parsed, csv);
        } catch (ProblemException.BadRequest refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, "bo.imports.error.empty", kind);
        }
        return "redirect:/imports/" + started.id();
    }

    /**
     * The upload of the import page's script: the file as a plain body ({@code text/csv}), streamed to disk, of any
     * size, with the CSRF token in its header. Answers where to follow the import. A multipart form is read whole by
     * the filters before the request is authorized, so it is kept for small files only (the page without script).
     */
    @PostMapping(path = "/imports/upload", consumes = "text/csv")
    ResponseEntity<Map<String, String>> upload(@RequestParam(required = false) String kind, Authentication staff,
                                               HttpServletRequest request) throws IOException {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        ImportKind parsed = ImportKind.fromCode(kind == null ? "" : kind)
                .orElseThrow(() -> PageInput.invalid("kind"));
        ImportStatus started;
        try (InputStream csv = request.getInputStream()) {
            started = imports.start(parsed, csv);
        }
        String page = "/imports/" + started.id();
        return ResponseEntity.created(URI.create(page)).body(Map.of("id", started.id().toString(), "page", page));
    }

    @GetMapping("/imports/{id}")
    String progressPage(@PathVariable String id, Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        model.addAttribute("status", find(id));
        return "backoffice/import";
    }

    /** What htmx asks every second while the import runs; the answer stops asking once it has ended. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable String id, Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        model.addAttribute("status", find(id));
        return "backoffice/import :: progress";
    }

    /**
     * The refused rows as a CSV file (line, reason code, reason in the staff member's language, faulty field, the
     * row), written page by page so that a large file is never held in memory.
     */
    @GetMapping("/imports/{id}/rejections.csv")
    void rejections(@PathVariable String id, Authentication staff, HttpServletResponse response) throws IOException {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        ImportStatus status = find(id);
        Locale locale = LocaleContextHolder.getLocale();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"import-" + status.id() + "-rejected.csv\"");
        Writer out = response.getWriter();
        // A byte-order mark, so that spreadsheet programs read the file as UTF-8.
        out.write('\uFEFF');
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord("line", "reason", "message", "field", "row");
        String cursor = null;
        do {
            CursorPage<Imports.RejectedRow> page = imports.rejectedRows(status.id(), cursor, DOWNLOAD_PAGE);
            for (Imports.RejectedRow row : page.items()) {
                csv.writeRecord(Long.toString(row.line()), row.reason(),
                        messages.getMessage("intake.rejection." + row.reason(), new Object[]{"—"}, row.reason(),
                                locale),
                        row.field() == null ? "" : row.field(), neutralised(row.content()));
            }
            cursor = page.next();
        } while (cursor != null);
        csv.flush();
    }

    /**
     * A cell that a spreadsheet would run as a formula ({@code =HYPERLINK(...)}) is written with a leading
     * apostrophe: the rows come from an uploaded file, so they are not to be trusted when opened.
     */
    static String neutralised(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private String form(Model model, String error, String kind) {
        model.addAttribute("error", error);
        model.addAttribute("kind", kind);
        model.addAttribute("recent", imports.list(null, RECENT).items());
        return "backoffice/imports";
    }

    private ImportStatus find(String id) {
        UUID parsed = PageInput.uuid(id, "id");
        return imports.find(parsed).orElseThrow(() -> new ProblemException.NotFound("problem.import.notFound",
                parsed));
    }
}
