// 留言表单：输入“咨询”的标题时，从咨询问答知识库中提示已有答案（无 JavaScript 时有“先按标题查找已有答案”按钮）。
(function () {
  var form = document.querySelector('form[data-kb-org]');
  if (!form) return;
  var org = form.getAttribute('data-kb-org');
  var subject = form.querySelector('#f-subject');
  var category = form.querySelector('#f-category');
  var live = document.getElementById('kb-live');
  if (!subject || !live) return;
  var timer = null;
  var last = '';
  function clear() {
    while (live.firstChild) live.removeChild(live.firstChild);
  }
  function render(q, items) {
    clear();
    if (!items.length) return;
    var h = document.createElement('p');
    h.textContent = '已有 ' + items.length + ' 条答案可能解答您的问题：';
    live.appendChild(h);
    var ul = document.createElement('ul');
    items.forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/org/' + encodeURIComponent(org) + '/hdjl/zsk/' + encodeURIComponent(it.id);
      a.textContent = it.question;
      a.target = '_blank';
      a.rel = 'noopener';
      li.appendChild(a);
      ul.appendChild(li);
    });
    live.appendChild(ul);
  }
  function lookup() {
    var q = subject.value.trim();
    if (category && category.value && category.value !== 'consult') return clear();
    if (q.length < 4 || q === last) return;
    last = q;
    fetch('/api/v1/public/knowledge/search?limit=3&org=' + encodeURIComponent(org) + '&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (body) { if (subject.value.trim() === q) render(q, body.items || []); })
      .catch(function () {});
  }
  subject.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 400);
  });
  if (category) category.addEventListener('change', function () { last = ''; lookup(); });
})();
