// Countdown on the "get code" button after a code was sent, so people do not tap it again and hit the limit.
(function () {
    var button = document.querySelector('[data-cooldown]');
    if (!button) return;
    var left = parseInt(button.getAttribute('data-cooldown'), 10) || 0;
    var label = button.textContent;
    var template = button.getAttribute('data-cooldown-text') || '{0}s';
    function tick() {
        if (left <= 0) { button.disabled = false; button.textContent = label; return; }
        button.disabled = true;
        button.textContent = template.replace('{0}', left);
        left -= 1;
        setTimeout(tick, 1000);
    }
    tick();
})();

// Uploads with a progress bar: a form marked data-upload is sent with XMLHttpRequest so the student sees how far a
// 5 MB phone photo has got; the answer (a redirect or the page with an error) replaces the page as a normal submit
// would. File inputs marked data-autosubmit send the form as soon as a file is chosen; the live camera hands its shot
// to form.sendBlob, the same way. When the server is busy (503 with Retry-After: too many photos being checked at
// once) the same file is sent again after the pause, up to three times, before its page (which says to try again) is
// shown. The form tells the camera how it went: 'upload:leave' before the page is replaced, 'upload:failed' when
// nothing was sent (too large, network). Without JavaScript the form posts normally.
(function () {
    document.querySelectorAll('form[data-upload]').forEach(function (form) {
        var progress = form.querySelector('.progress');
        var bar = progress && progress.querySelector('.bar');
        var text = progress && progress.querySelector('[data-progress-text]');
        function tell(name) { form.dispatchEvent(new CustomEvent(name)); }
        function send(extra) {
            // Too big to accept: say so before spending the student's data on the upload.
            var max = Number(form.getAttribute('data-max-bytes')) || 0;
            var files = Array.prototype.slice.call(form.querySelectorAll('input[type=file]')).map(function (i) { return i.files[0]; });
            if (extra) files.push(extra.blob);
            if (max && files.some(function (f) { return f && f.size > max; })) {
                form.querySelectorAll('input[type=file]').forEach(function (i) { i.value = ''; });
                alert(form.getAttribute('data-too-large') || 'File too large');
                tell('upload:failed');
                return;
            }
            var data = new FormData(form);
            if (extra) data.set(extra.name, extra.blob, extra.file);
            form.querySelectorAll('button, input[type=file]').forEach(function (b) { b.disabled = true; });
            if (progress) progress.hidden = false;
            post(data, 0);
        }
        function post(data, retries) {
            var xhr = new XMLHttpRequest();
            xhr.open('POST', form.getAttribute('action') || location.href);
            xhr.upload.onprogress = function (e) {
                if (!e.lengthComputable || !bar) return;
                var pct = Math.round(e.loaded * 100 / e.total);
                bar.style.width = pct + '%';
                if (text) text.textContent = (text.getAttribute('data-template') || '{0}%').replace('{0}', pct);
            };
            xhr.upload.onload = function () { if (text) text.textContent = form.getAttribute('data-checking') || text.textContent; };
            xhr.onload = function () {
                var wait = Number(xhr.getResponseHeader('Retry-After'));
                if (xhr.status === 503 && wait > 0 && retries < 3) {
                    if (text) text.textContent = (form.getAttribute('data-busy') || '{0}').replace('{0}', wait);
                    setTimeout(function () { post(data, retries + 1); }, wait * 1000);
                    return;
                }
                tell('upload:leave');
                if (xhr.responseURL && xhr.responseURL !== location.href && xhr.status < 400) { location.href = xhr.responseURL; return; }
                document.open(); document.write(xhr.responseText); document.close();
            };
            xhr.onerror = function () {
                form.querySelectorAll('button, input[type=file]').forEach(function (b) { b.disabled = false; });
                if (progress) progress.hidden = true;
                alert(form.getAttribute('data-network-error') || 'Network error');
                tell('upload:failed');
            };
            xhr.send(data);
        }
        form.addEventListener('submit', function (e) { e.preventDefault(); send(); });
        form.querySelectorAll('input[type=file][data-autosubmit]').forEach(function (input) {
            input.addEventListener('change', function () { if (input.files.length) send(); });
        });
        form.sendBlob = send;
    });
})();

// The live camera, where the browser has one (HTTPS or localhost): the preview in a 3:4 box with the head-and-
// shoulders guide, the shutter below it. While it runs, a 240×320 copy of what the preview shows is posted about
// twice a second (one at a time) to the page's frame handler, which answers where the face stands against the guide:
// the box is drawn over the video, the oval turns green or amber and a short hint says what to do. No answer, a slow
// one or a refusal leaves the hint neutral; the shutter never waits for it. The shot is exactly what the preview
// shows, at the camera's resolution, and goes through the upload form above (progress, busy retries, the result
// page). Denied or missing camera: a message, and the file inputs stay the way in. The stream stops when the page is
// hidden or left, and starts again when the student comes back to it.
(function () {
    var box = document.querySelector('[data-live-camera]');
    var start = document.querySelector('[data-start-camera]');
    if (!box || !start || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    var form = box.closest('form');
    var guide = box.querySelector('[data-guide]');
    var video = box.querySelector('video');
    var shoot = box.querySelector('[data-shoot]');
    var shootLabel = shoot.querySelector('[data-shoot-label]');
    var label = shootLabel.textContent;
    var switcher = box.querySelector('[data-switch-camera]');
    var faceBox = box.querySelector('[data-face-box]');
    var hint = box.querySelector('[data-guide-hint]');
    var problem = document.querySelector('[data-camera-problem]');
    var orPick = document.querySelector('[data-or-pick]');
    var token = form.querySelector('input[name=__RequestVerificationToken]');
    var facing = box.getAttribute('data-facing') || 'environment';
    var frameUrl = box.getAttribute('data-frame-url');
    var every = Number(box.getAttribute('data-frame-every')) || 500;
    var frame = document.createElement('canvas');
    frame.width = 240; frame.height = 320;
    var stream = null, wanted = false, uploading = false, asking = false, timer = 0, stale = 0, pausedUntil = 0;
    start.hidden = false;

    function say(message) { if (problem) { problem.textContent = message || ''; problem.hidden = !message; } }
    function stop() {
        clearTimeout(timer);
        if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
        stream = null;
        video.srcObject = null;
    }
    function open() {
        say('');
        start.disabled = true;
        navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facing }, width: { ideal: 1920 }, height: { ideal: 2560 } }, audio: false })
            .then(function (s) {
                stream = s; wanted = true;
                shoot.disabled = true;  // until the first picture arrives: a tap before it would have nothing to send
                video.srcObject = s;
                var track = s.getVideoTracks()[0];
                var settings = track && track.getSettings ? track.getSettings() : {};
                // The front camera is shown as a mirror, as phones do; the frames and the shot are not mirrored.
                box.classList.toggle('mirrored', (settings.facingMode || facing) === 'user');
                start.hidden = true; start.disabled = false;
                box.hidden = false;
                if (orPick) orPick.hidden = false;
                box.scrollIntoView({ block: 'start' });
                neutral();
                look(400);
                if (switcher && navigator.mediaDevices.enumerateDevices) {
                    navigator.mediaDevices.enumerateDevices().then(function (list) {
                        switcher.hidden = list.filter(function (d) { return d.kind === 'videoinput'; }).length < 2;
                    }).catch(function () { });
                }
            })
            .catch(function (e) {
                var denied = e && (e.name === 'NotAllowedError' || e.name === 'SecurityError');
                start.disabled = false;
                start.hidden = denied;  // asking again is refused at once until the student changes the setting
                box.hidden = true;
                if (orPick) orPick.hidden = true;
                say(box.getAttribute(denied ? 'data-denied' : 'data-unavailable'));
            });
    }

    // What the 3:4 preview shows of the video (object-fit: cover crops the rest), in video pixels.
    function shown() {
        var w = video.videoWidth, h = video.videoHeight;
        if (!w || !h) return null;
        return w * 4 > h * 3 ? { x: (w - h * 3 / 4) / 2, y: 0, w: h * 3 / 4, h: h } : { x: 0, y: (h - w * 4 / 3) / 2, w: w, h: w * 4 / 3 };
    }
    function setState(state) {
        guide.setAttribute('data-state', state);
        hint.textContent = guide.getAttribute('data-hint-' + state) || guide.getAttribute('data-hint-idle');
    }
    function neutral() { setState('idle'); faceBox.setAttribute('hidden', ''); }
    function show(answer, roundTrip) {
        guide.setAttribute('data-frame-ms', answer.ms);
        guide.setAttribute('data-frame-round-trip-ms', Math.round(roundTrip));
        setState(answer.framing);
        var f = answer.face;
        if (f) {
            var x = box.classList.contains('mirrored') ? 1 - f.x - f.width : f.x;
            faceBox.setAttribute('x', x * 300); faceBox.setAttribute('y', f.y * 400);
            faceBox.setAttribute('width', f.width * 300); faceBox.setAttribute('height', f.height * 400);
        }
        // An SVG element has no hidden property: the attribute itself.
        faceBox.toggleAttribute('hidden', !f);
        // An answer older than this no longer says where the face is.
        clearTimeout(stale);
        stale = setTimeout(neutral, 2000);
    }
    function look(after) {
        clearTimeout(timer);
        timer = setTimeout(function () {
            if (!stream || uploading || asking || !frameUrl || document.hidden) return;
            var wait = pausedUntil - Date.now();
            var area = shown();
            if (wait > 0 || !area || video.paused) { look(Math.max(wait, every)); return; }
            frame.getContext('2d').drawImage(video, area.x, area.y, area.w, area.h, 0, 0, frame.width, frame.height);
            asking = true;
            frame.toBlob(function (blob) {
                var began = performance.now();
                var abort = window.AbortController ? new AbortController() : null;
                var limit = setTimeout(function () { if (abort) abort.abort(); }, 2000);
                fetch(frameUrl, {
                    method: 'POST', body: blob, credentials: 'same-origin', signal: abort ? abort.signal : undefined,
                    headers: { 'Content-Type': 'image/jpeg', 'Accept': 'application/json', 'RequestVerificationToken': token ? token.value : '' },
                }).then(function (r) {
                    if (r.ok) return r.json();
                    var retry = Number(r.headers.get('Retry-After'));
                    if (retry > 0) pausedUntil = Date.now() + retry * 1000;
                    // Signed out, another school, no consent or the window closed: this page gets no hints any more.
                    if (r.status === 401 || r.status === 403 || r.status === 409) frameUrl = null;
                    return null;
                }).then(function (answer) {
                    if (answer && !uploading) show(answer, performance.now() - began); else neutral();
                }).catch(neutral).then(function () {
                    clearTimeout(limit);
                    asking = false;
                    look(every);
                });
            }, 'image/jpeg', 0.8);
        }, after);
    }

    // While the shot uploads the shutter spins and says the photo was taken; the progress line under it says how far
    // the upload has got, and the frozen preview needs no hint.
    function busy(on) {
        hint.hidden = on;
        shoot.classList.toggle('busy', on);
        shoot.disabled = on;
        shoot.setAttribute('aria-busy', on ? 'true' : 'false');
        shootLabel.textContent = on ? shoot.getAttribute('data-busy-text') : label;
    }
    video.addEventListener('loadeddata', function () { if (!uploading) shoot.disabled = false; });
    shoot.addEventListener('click', function () {
        var area = shown();
        if (!area || uploading) return;
        uploading = true;
        busy(true);
        var shot = document.createElement('canvas');
        shot.width = Math.round(area.w); shot.height = Math.round(area.h);
        shot.getContext('2d').drawImage(video, area.x, area.y, area.w, area.h, 0, 0, shot.width, shot.height);
        video.pause();
        neutral();
        shot.toBlob(function (blob) {
            if (!blob) { form.dispatchEvent(new CustomEvent('upload:failed')); return; }
            form.sendBlob({ name: 'Photo', blob: blob, file: 'camera.jpg' });
        }, 'image/jpeg', 0.92);
    });
    form.addEventListener('upload:failed', function () {
        if (!uploading) return;
        uploading = false;
        busy(false);
        if (stream) { video.play(); look(every); }
    });
    form.addEventListener('upload:leave', function () { wanted = false; stop(); });
    start.addEventListener('click', open);
    if (switcher) {
        switcher.addEventListener('click', function () {
            facing = facing === 'user' ? 'environment' : 'user';
            stop();
            open();
        });
    }
    // Hidden (another app, the lock screen) or left: the camera is released; back on the page, it opens again.
    document.addEventListener('visibilitychange', function () {
        if (document.hidden) stop();
        else if (wanted && !stream && !uploading) open();
    });
    window.addEventListener('pagehide', stop);
    window.addEventListener('pageshow', function (e) { if (e.persisted && wanted && !stream && !uploading) open(); });
})();

// Forms marked data-once disable their buttons on submit: a double tap sends one request.
(function () {
    document.querySelectorAll('form[data-once]').forEach(function (form) {
        form.addEventListener('submit', function () {
            setTimeout(function () { form.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); }, 0);
        });
    });
})();

// WeChat's in-app payment (JSAPI): the order page carries the signed parameters; WeChat's bridge shows its cashier,
// and the page reloads to show the order's new status (the notification decides it, not this callback).
(function () {
    var holder = document.querySelector('[data-jsapi]');
    if (!holder) return;
    function pay() {
        window.WeixinJSBridge.invoke('getBrandWCPayRequest', JSON.parse(holder.getAttribute('data-jsapi')), function () { location.reload(); });
    }
    if (window.WeixinJSBridge) pay(); else document.addEventListener('WeixinJSBridgeReady', pay, false);
})();

// A button that asks first (data-confirm): here rather than in an onclick attribute, which the
// Content-Security-Policy does not run.
document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-confirm]');
    if (button && !window.confirm(button.getAttribute('data-confirm'))) e.preventDefault();
});

// 扫码排号: the page the queue QR opens takes the number at once (正在出号); without script the student taps the button.
(function () {
    var form = document.querySelector('form[data-autosubmit-form]');
    if (!form) return;
    form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    setTimeout(function () { form.submit(); }, 50);
})();

// The station's queue QR: a new ticket (a new image) every refresh period, so a photo of it stops working soon.
(function () {
    document.querySelectorAll('img[data-refresh-seconds]').forEach(function (img) {
        var base = img.getAttribute('src').split('?')[0];
        var seconds = Number(img.getAttribute('data-refresh-seconds')) || 30;
        setInterval(function () { img.src = base + '?v=' + Date.now(); }, seconds * 1000);
    });
})();

// The student's number, live: the queue's event stream says when a number is called; the page updates itself.
(function () {
    var card = document.querySelector('[data-queue-events]');
    if (!card || !window.EventSource) return;
    var source = new EventSource(card.getAttribute('data-queue-events'));
    function set(selector, text) { var el = card.querySelector(selector); if (el) el.textContent = text; }
    source.addEventListener('queue', function (e) {
        var q = JSON.parse(e.data);
        card.setAttribute('data-status', q.status);
        set('[data-queue-number]', q.number || '—');
        set('[data-queue-called]', q.called || '—');
        var line = q.status === 'Called' ? card.getAttribute('data-text-called')
            : q.status === 'Missed' ? card.getAttribute('data-text-missed')
            : q.status === 'Shot' ? card.getAttribute('data-text-shot')
            : card.getAttribute('data-text-ahead').replace('{0}', q.ahead);
        set('[data-queue-line]', line);
        set('[data-queue-wait]', q.status === 'Waiting' && q.estimatedMinutes != null ? card.getAttribute('data-text-wait').replace('{0}', q.estimatedMinutes) : '');
        if (q.status === 'Called' && navigator.vibrate) navigator.vibrate([300, 100, 300]);
    });
})();

// 大屏叫号: the on-site screen follows the session's board.
(function () {
    var screen = document.querySelector('[data-board-events]');
    if (!screen || !window.EventSource) return;
    var source = new EventSource(screen.getAttribute('data-board-events'));
    source.addEventListener('board', function (e) {
        var b = JSON.parse(e.data);
        screen.querySelector('[data-board-called]').textContent = b.called || '—';
        screen.querySelector('[data-board-next]').textContent = b.next.length ? b.next.slice(0, 5).join('  ') : '—';
    });
})();

// A part of a page marked data-live="N" is read again every N seconds while the page is visible (the school's
// dashboard follows the students without a reload, and keeps the reader's place and open details).
(function () {
    var live = document.querySelector('[data-live]');
    if (!live) return;
    var seconds = Number(live.getAttribute('data-live')) || 30;
    setInterval(function () {
        if (document.hidden) return;
        fetch(location.href, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
            if (!html) return;
            var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live]');
            if (!fresh) return;
            var open = Array.prototype.map.call(live.querySelectorAll('details'), function (d) { return d.open; });
            live.innerHTML = fresh.innerHTML;
            live.querySelectorAll('details').forEach(function (d, i) { if (i < open.length) d.open = open[i]; });
        }).catch(function () { });
    }, seconds * 1000);
})();

// A picker marked data-submit-on-change shows its choice at once.
(function () {
    document.querySelectorAll('[data-submit-on-change]').forEach(function (select) {
        select.addEventListener('change', function () { select.form.submit(); });
    });
})();

// Long downloads (a delivery ZIP, print sheets): for a few seconds after a click the link says the file is being
// prepared and cannot be clicked again; the browser's own download bar then shows how far it has got.
(function () {
    document.querySelectorAll('a[data-download]').forEach(function (link) {
        link.addEventListener('click', function () {
            var label = link.textContent;
            link.classList.add('busy');
            link.textContent = link.getAttribute('data-download') || label;
            setTimeout(function () { link.classList.remove('busy'); link.textContent = label; }, 8000);
        });
    });
})();

// A copy button (data-copy="#id"): copies that element's text, says so on the button. Without the clipboard (an
// insecure origin, an old browser) the text is selected instead, for the person to copy.
document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy]');
    if (!button) return;
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source) return;
    function select() { var range = document.createRange(); range.selectNodeContents(source); var s = window.getSelection(); s.removeAllRanges(); s.addRange(range); }
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () { button.textContent = button.getAttribute('data-copied'); }, select);
    } else {
        select();
    }
});

// Keyboard shortcuts (the review desk): an element marked data-key="a" (several keys: "j n") is clicked when its key
// is pressed, a field marked so is focused; a button then posts its form as a click would. Keys do nothing while the
// reader types in a field, with a modifier held or during an IME composition; Esc leaves the field.
document.addEventListener('keydown', function (e) {
    var target = e.target;
    var typing = target && target.closest && target.closest('input, textarea, select, [contenteditable]');
    if (typing) {
        if (e.key === 'Escape' && target.blur) target.blur();
        return;
    }
    if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || !e.key || e.key.length !== 1) return;
    var key = e.key.toLowerCase();
    var element = Array.prototype.find.call(document.querySelectorAll('[data-key]'), function (el) {
        return el.getAttribute('data-key').split(' ').indexOf(key) >= 0 && !el.disabled;
    });
    if (!element) return;
    e.preventDefault();
    if (element.matches('input, textarea, select')) element.focus(); else element.click();
});

// A checkbox marked data-check-all="Name" ticks or clears every enabled checkbox of that name in its form (and the
// other such boxes follow).
document.addEventListener('change', function (e) {
    var all = e.target.closest && e.target.closest('[data-check-all]');
    if (!all || !all.form) return;
    var name = all.getAttribute('data-check-all');
    all.form.querySelectorAll('input[type=checkbox]').forEach(function (box) {
        if ((box.name === name || box.getAttribute('data-check-all') === name) && !box.disabled) box.checked = all.checked;
    });
});

// An image inside an element marked data-missing that does not load (a file the retention purge removed) gives way to
// that element's text.
(function () {
    document.querySelectorAll('[data-missing] img').forEach(function (img) {
        function gone() {
            var box = document.createElement('div');
            box.className = 'missing';
            box.textContent = img.closest('[data-missing]').getAttribute('data-missing');
            var frame = img.closest('.marked') || img;
            frame.replaceWith(box);
        }
        if (img.complete && img.naturalWidth === 0 && img.getAttribute('loading') !== 'lazy') gone();
        else img.addEventListener('error', gone);
    });
})();
