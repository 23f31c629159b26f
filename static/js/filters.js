// Lists: the search and filters wait folded behind one control on a phone,
// so the results come first; on a wider screen they are open from the start.
// Without this script they stay folded, one click away (progressive
// enhancement only). Loaded right after the fold, so it opens before the
// page is first shown.
(function () {
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) return;
  var panels = document.querySelectorAll("details.filter-panel");
  for (var i = 0; i < panels.length; i++) panels[i].open = true;
})();
