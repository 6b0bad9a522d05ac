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
