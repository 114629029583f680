// The import form sends the chosen file as a plain body (text/csv) with the CSRF token in a header, showing how much
// has been sent; the server answers where to follow the import. Without this script the form posts multipart, which
// the server takes for small files only.
document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('upload');
    if (!form) {
        return;
    }
    const input = form.querySelector('#file');
    const button = form.querySelector('button[type=submit]');
    const bar = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    const fail = (message) => {
        status.textContent = message;
        status.hidden = false;
        bar.hidden = true;
        button.disabled = false;
    };
    form.addEventListener('submit', (event) => {
        const file = input.files[0];
        if (!file) {
            return; // the browser says the field is required
        }
        event.preventDefault();
        if (file.size === 0) {
            fail(form.dataset.empty);
            return;
        }
        const kind = form.querySelector('input[name=kind]:checked').value;
        const token = document.querySelector('meta[name=_csrf]').content;
        const header = document.querySelector('meta[name=_csrf_header]').content;
        status.hidden = true;
        bar.value = 0;
        bar.hidden = false;
        button.disabled = true;
        const request = new XMLHttpRequest();
        request.open('POST', form.dataset.upload + '?kind=' + encodeURIComponent(kind));
        request.setRequestHeader('Content-Type', 'text/csv');
        request.setRequestHeader(header, token);
        request.upload.addEventListener('progress', (sent) => {
            if (sent.lengthComputable) {
                bar.value = Math.round(sent.loaded * 100 / sent.total);
            }
        });
        request.addEventListener('load', () => {
            if (request.status === 201) {
                window.location.assign(JSON.parse(request.responseText).page);
            } else {
                fail(form.dataset.failed);
            }
        });
        request.addEventListener('error', () => fail(form.dataset.failed));
        request.send(file);
    });
});
