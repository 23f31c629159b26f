{{%AUTOESCAPE context="HTML"}}
<p><a href="/schools/{{id}}">← {{name}}</a></p>
<section class="narrow">
<h1>{{t_schools_delete_title}}</h1>
<p>{{t_schools_delete_question}} <strong>{{name}}</strong></p>
{{#counts}}
<ul>
  <li>{{t_schools_delete_links}}: <strong>{{links}}</strong> ({{t_schools_delete_links_open}}: {{open_links}}). {{t_schools_delete_links_consequence}}</li>
  <li>{{t_schools_delete_pupils}}: <strong>{{pupils}}</strong>. {{t_schools_delete_pupils_consequence}}</li>
  <li>{{t_schools_delete_events}}: <strong>{{events}}</strong>. {{t_schools_delete_events_consequence}}</li>
  <li>{{t_schools_delete_teachers}}: <strong>{{teachers}}</strong>. {{t_schools_delete_teachers_consequence}}</li>
</ul>
{{/counts}}
<p>{{t_schools_delete_final}}</p>
<form method="post" action="/schools/{{id}}/delete">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_schools_delete_confirm}}</button>
  <a href="/schools/{{id}}">{{t_cancel}}</a>
</form>
</section>
