{{%AUTOESCAPE context="HTML"}}
<p><a href="/me">← {{t_me_title}}</a></p>
<h1>{{t_sessions_title}}</h1>
<p class="muted">{{t_sessions_intro}}</p>
{{#ended}}<div class="notice notice-ok" role="status">{{t_sessions_ended}}</div>{{/ended}}
{{#has_items}}
<div class="table-wrap">
<table>
  <thead><tr><th>{{t_sessions_started}}</th><th>{{t_sessions_last_seen}}</th><th>{{t_sessions_address}}</th><th>{{t_sessions_browser}}</th><th></th></tr></thead>
  <tbody>
{{#items}}
    <tr>
      <td><time datetime="{{created_at}}">{{created_local}}</time></td>
      <td><time datetime="{{last_seen}}">{{last_seen_local}}</time></td>
      <td>{{ip}}</td>
      <td>{{agent}}</td>
      <td>{{#current}}<span class="badge">{{t_sessions_this_one}}</span>{{/current}}</td>
    </tr>
{{/items}}
  </tbody>
</table>
</div>
{{/has_items}}
<form method="post" action="/me/sessions">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit">{{t_sessions_end_others}}</button>
</form>
