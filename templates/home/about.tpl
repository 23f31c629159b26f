{{%AUTOESCAPE context="HTML"}}
<h1>{{t_about_title}}</h1>
<p>{{t_about_text}}</p>
<h2>{{t_about_sources}}</h2>
<ul>
  <li>{{t_about_geonames}} <a href="https://www.geonames.org/">GeoNames, geonames.org, CC BY 4.0</a></li>
  <li>{{t_about_occupations}}</li>
</ul>
