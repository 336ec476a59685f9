// Plausible names of teachers born 1965–2003 (姓 by rough frequency; given names of their generation). Seeded.
import type { Rng } from './rng.js';
import type { Sex } from '../model.js';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严应俞舒虞';

/** Given names by generation: born before 1985, and from 1985 on. */
const GIVEN: Record<'older' | 'younger', Record<Sex, string[]>> = {
  older: {
    男: [
      '建华',
      '建国',
      '志刚',
      '海涛',
      '晓东',
      '国平',
      '卫东',
      '永强',
      '文斌',
      '志伟',
      '建军',
      '明华',
      '立新',
      '红军',
      '国强',
      '伟',
      '强',
      '军',
      '勇',
      '斌',
      '涛',
      '刚',
      '平',
      '辉',
      '峰',
      '波',
      '杰',
      '磊',
      '华',
      '忠',
    ],
    女: [
      '海燕',
      '晓红',
      '丽娟',
      '秀英',
      '春燕',
      '雪梅',
      '丽华',
      '晓丽',
      '美玲',
      '晓燕',
      '建英',
      '红霞',
      '素芬',
      '亚萍',
      '丽',
      '芳',
      '静',
      '敏',
      '燕',
      '娟',
      '霞',
      '红',
      '艳',
      '萍',
      '玲',
      '英',
      '琴',
      '梅',
      '慧',
      '洁',
    ],
  },
  younger: {
    男: ['俊杰', '浩然', '子豪', '宇航', '博文', '天宇', '家豪', '晨阳', '鹏飞', '一鸣', '佳豪', '振宇', '嘉伟', '思远', '明轩', '浩', '宇', '帆', '鑫', '超', '凯', '健', '睿', '阳', '亮'],
    女: ['佳慧', '思佳', '雨婷', '梦洁', '婷婷', '晶晶', '丹丹', '文静', '慧敏', '欣怡', '梦瑶', '诗琪', '佳怡', '晓雯', '雅琳', '颖', '倩', '莉', '璐', '瑶', '丹', '蕾', '婷', '雪', '琳'],
  },
};

export function teacherName(rng: Rng, sex: Sex, birthYear: number): string {
  // The common surnames more often: index = length × u^1.7.
  const surname = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * rng.next() ** 1.7))];
  return surname + rng.pick(GIVEN[birthYear < 1985 ? 'older' : 'younger'][sex]);
}
