// Words of the school layout map (学校布局图) and of the map component the pairing page shares. The language comes
// from the app's I18nProvider.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n.js';
import { LEVEL_EN } from '../../../../../src/registry/model.js';

const dict = {
  // The map component
  level: ['学段', 'Level'],
  colon: ['：', ': '],
  comma: ['，', ', '],
  noValue: ['无数据', 'No data'],
  schools: ['学校', 'Schools'],
  links: ['连线', 'Links'],
  catchment: ['学区', 'Catchment'],
  zoomHint: ['滚轮缩放，拖动平移', 'Scroll to zoom, drag to pan'],
  lng: ['经度', 'Longitude'],
  lat: ['纬度', 'Latitude'],
  noSchools: ['没有带坐标的学校', 'No school with coordinates'],
  // The layout map page
  title: ['学校布局图', 'School layout map'],
  subtitle: [
    '按学校坐标绘制，可按任一指标着色；标出小规模学校与最近同学段学校的距离，作为撤并或调整的参考',
    'Schools at their coordinates, coloured by any indicator; small schools with the distance to the nearest school of their level, as candidates for consolidation',
  ],
  indicator: ['着色指标', 'Colour by'],
  threshold: ['小规模学校：学生少于', 'Small school: fewer than'],
  persons: ['人', 'students'],
  candidatesTitle: ['撤并候选（小规模学校）', 'Consolidation candidates (small schools)'],
  candidatesHelp: [
    '教学点，以及在校生少于 {n} 人的学校；距离为直线距离（球面大圆距离），到最近的在办同学段学校。',
    'Teaching points and schools of fewer than {n} students; the distance is the straight-line (great-circle) distance to the nearest open school of the same level.',
  ],
  candidatesNone: ['没有小规模学校', 'No small school'],
  colSchool: ['学校', 'School'],
  colStudents: ['学生', 'Students'],
  colNearest: ['最近同学段学校', 'Nearest school'],
  colKm: ['公里', 'km'],
  noNearest: ['无同学段学校', 'No school of the level'],
  noCoords: ['无坐标', 'No coordinates'],
  km: ['{km} 公里', '{km} km'],
  withoutCoords: ['{n} 所学校未登记坐标，未在图上显示：{names}', '{n} schools have no coordinates and are not on the map: {names}'],
  allCoords: ['全部 {n} 所学校均已登记坐标', 'All {n} schools have coordinates'],
  schoolsOnMap: ['图上学校', 'Schools on the map'],
  studentsTotal: ['在校生', 'Students'],
  candidates: ['撤并候选', 'Candidates'],
  layersTitle: ['地图图层', 'Map layers'],
  layersHelp: [
    '上传 GeoJSON 文件（.geojson 或 .json，不超过 5 MB，经纬度为 WGS-84 或 GCJ-02，与学校坐标一致）：区县边界为面（Polygon / MultiPolygon）；学区为多个面，每个面须有 name 属性。',
    'Upload a GeoJSON file (.geojson or .json, up to 5 MB, longitude/latitude in the same system as the schools’ coordinates): the boundary is a Polygon / MultiPolygon; catchments are several polygons, each with a name property.',
  ],
  boundary: ['区县边界', 'District boundary'],
  catchments: ['学区边界', 'Catchments'],
  notUploaded: ['未上传', 'Not uploaded'],
  uploadedBy: ['{name}：{by} 于 {at} 上传', '{name}: uploaded by {by} on {at}'],
  features: ['{n} 个面', '{n} polygons'],
  upload: ['上传', 'Upload'],
  replace: ['替换', 'Replace'],
  remove: ['删除', 'Remove'],
  removeConfirm: ['删除该图层？', 'Remove this layer?'],
  uploaded: ['已上传', 'Uploaded'],
  removed: ['已删除', 'Removed'],
  layerRefused: ['{file}：{n} 处问题，图层未保存', '{file}: {n} problems; the layer was not saved'],
  tooLarge: ['文件超过 5 MB', 'The file is larger than 5 MB'],
  toNearest: ['到最近同学段学校', 'To the nearest school'],
  selected: ['已选学校', 'Selected school'],
  clearSelection: ['取消选择', 'Clear'],
  indicatorNote: ['{name}（{unit}）', '{name} ({unit})'],
  noData: ['该学年没有学校数据', 'No school data for this year'],
  location: ['城乡', 'Location'],
  classes: ['班级', 'Classes'],
} satisfies Record<string, [string, string]>;

export type MapKey = keyof typeof dict;
export type MapT = (key: MapKey, vars?: Record<string, string | number>) => string;

export function useMapT(): MapT {
  const { lang } = useI18n();
  return useCallback(
    (key: MapKey, vars?: Record<string, string | number>) => {
      let s: string = dict[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [lang],
  );
}

/** A school level (学段) in the interface language; an unknown level as it is. */
export function levelName(lang: 'zh' | 'en', level: string): string {
  return lang === 'en' ? ((LEVEL_EN as Record<string, string>)[level] ?? level) : level;
}
