// Drop a pin on the ward map: a click or tap becomes a British National Grid position in the
// form's hidden fields and moves the marker. Without this script the form asks for latitude
// and longitude instead, so the page works without JavaScript.
(function () {
  var map = document.getElementById("pin-map");
  var x = document.getElementById("id_x_bng");
  var y = document.getElementById("id_y_bng");
  var marker = document.getElementById("pin-map-marker");
  var said = document.getElementById("pin-map-said");
  if (!map || !x || !y || !marker) { return; }
  var left = parseFloat(map.getAttribute("data-left"));
  var top = parseFloat(map.getAttribute("data-top"));
  var scale = parseFloat(map.getAttribute("data-scale"));
  function place(px, py) {
    marker.setAttribute("cx", px.toFixed(1));
    marker.setAttribute("cy", py.toFixed(1));
    x.value = (left + px / scale).toFixed(1);
    y.value = (top - py / scale).toFixed(1);
    if (said) { said.textContent = said.getAttribute("data-placed"); }
  }
  map.addEventListener("click", function (event) {
    var point = map.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var inside = point.matrixTransform(map.getScreenCTM().inverse());
    place(inside.x, inside.y);
  });
  if (x.value && y.value) { place((parseFloat(x.value) - left) * scale, (top - parseFloat(y.value)) * scale); }
})();
